import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeConfigError } from './errors';
import type { KubeTarget } from './types';

export interface TargetOptions {
  /** A context of the kubeconfig; default: its current-context. */
  context?: string;
  /** One kubeconfig file; default: $KUBECONFIG (a path list, like kubectl) or ~/.kube/config. */
  kubeconfigPath?: string;
}

export { KubeConfigError } from './errors';

function kubeconfigFiles(explicit: string | undefined): { files: string[]; looked: string } {
  if (explicit) return { files: existsSync(explicit) ? [explicit] : [], looked: explicit };
  const fromEnv = process.env.KUBECONFIG;
  if (fromEnv) {
    const listed = fromEnv.split(path.delimiter).filter(Boolean);
    // kubectl skips listed files that do not exist; so do we.
    return { files: listed.filter((file) => existsSync(file)), looked: `KUBECONFIG=${fromEnv}` };
  }
  const home = path.join(homedir(), '.kube', 'config');
  return { files: existsSync(home) ? [home] : [], looked: home };
}

/**
 * Resolves the kubeconfig and context to talk to. Unlike KubeConfig.loadFromDefault,
 * a missing kubeconfig is an error here, not a silent fallback to localhost:8080.
 */
export function loadTarget(options: TargetOptions = {}): KubeTarget {
  const { files, looked } = kubeconfigFiles(options.kubeconfigPath);
  if (files.length === 0) {
    throw new KubeConfigError(
      `kubeconfig 파일을 찾을 수 없습니다 (${looked}). 클러스터를 먼저 만드세요: kind라면 \`kind create cluster\`, ` +
        '이 프로젝트의 로컬 클러스터라면 `npm run cluster:up` 뒤 출력된 `export KUBECONFIG=...`를 실행하세요.',
    );
  }
  const kubeConfig = new KubeConfig();
  try {
    kubeConfig.loadFromFile(files[0]!);
    for (const file of files.slice(1)) {
      const more = new KubeConfig();
      more.loadFromFile(file);
      kubeConfig.mergeConfig(more, true);
    }
  } catch (error) {
    throw new KubeConfigError(`kubeconfig를 읽을 수 없습니다 (${files.join(', ')}): ${(error as Error).message}. 파일의 YAML 형식을 확인하세요.`);
  }
  const context = options.context ?? kubeConfig.getCurrentContext();
  const names = kubeConfig.getContexts().map((c) => c.name);
  if (!context) {
    throw new KubeConfigError(
      `kubeconfig(${files.join(', ')})에 현재 컨텍스트(current-context)가 없습니다. ` +
        `\`kubectl config use-context <이름>\`으로 고르세요${names.length ? ` (있는 컨텍스트: ${names.join(', ')})` : ''}.`,
    );
  }
  const contextObject = kubeConfig.getContextObject(context);
  if (!contextObject) {
    throw new KubeConfigError(
      `kubeconfig에 "${context}" 컨텍스트가 없습니다. 있는 컨텍스트: ${names.join(', ') || '(없음)'}. \`kubectl config get-contexts\`로 확인하세요.`,
    );
  }
  kubeConfig.setCurrentContext(context);
  const cluster = kubeConfig.getCluster(contextObject.cluster);
  if (!cluster?.server) {
    throw new KubeConfigError(`"${context}" 컨텍스트가 가리키는 클러스터 "${contextObject.cluster}"에 server 주소가 없습니다. kubeconfig를 확인하세요.`);
  }
  return {
    kubeConfig,
    context,
    server: cluster.server,
    namespace: contextObject.namespace || 'default',
    user: contextObject.user,
  };
}

/**
 * The target's kubeconfig reduced to its one context (with that context's cluster and user),
 * as kubeconfig JSON. A run gets this as its KUBECONFIG, so what its kubectl talks to is exactly
 * what was judged, even if the reader switches contexts while it runs.
 */
export function minifiedKubeconfig(target: KubeTarget): string {
  const source = target.kubeConfig;
  const context = source.getContextObject(target.context)!;
  const cluster = source.getCluster(context.cluster)!;
  const user = source.getUser(context.user);
  const only = new KubeConfig();
  only.loadFromOptions({
    clusters: [cluster],
    users: user ? [user] : [],
    contexts: [{ name: context.name, cluster: context.cluster, user: context.user, namespace: context.namespace }],
    currentContext: context.name,
  });
  return only.exportConfig();
}
