/**
 * The node shell of the project's static-pod cluster (`cluster.sh up --nodes real --control-plane static-pods`):
 * scripts/cluster writes `$RUN_DIR/bin/docker`, so cells written for kind (`docker exec NODE crictl ps`) reach
 * its nodes unchanged. Cells get that directory first on PATH only when they run against that cluster, so a
 * real docker on the machine keeps serving every other cluster.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

/** Run directories the cluster may live in: next to a KUBECONFIG file, K8S_COURSE_RUN_DIR, the default one. */
export function runDirCandidates(env: NodeJS.ProcessEnv): string[] {
  const dirs = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean).map((file) => path.dirname(file));
  if (env.K8S_COURSE_RUN_DIR) dirs.push(env.K8S_COURSE_RUN_DIR);
  const cache = env.K8S_COURSE_CACHE_DIR ?? path.join(env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'k8s-course', 'cluster');
  dirs.push(path.join(cache, 'run'));
  return [...new Set(dirs)];
}

function serverOf(kubeconfigFile: string): string | undefined {
  try {
    const config = new KubeConfig();
    config.loadFromFile(kubeconfigFile);
    return config.getCurrentCluster()?.server;
  } catch {
    return undefined;
  }
}

/** `$RUN_DIR/bin` of the run whose kubeconfig names `server`, when it has a node shell. */
export function nodeShellBin(server: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const dir of runDirCandidates(env)) {
    const bin = path.join(dir, 'bin');
    if (existsSync(path.join(bin, 'docker')) && serverOf(path.join(dir, 'kubeconfig')) === server) return bin;
  }
  return undefined;
}

/** The environment for cells against `target`: with the node shell first on PATH when the cluster has one. */
export function withNodeShell(env: NodeJS.ProcessEnv, target: { server: string }): NodeJS.ProcessEnv {
  const bin = nodeShellBin(target.server, env);
  return bin ? { ...env, PATH: [bin, env.PATH].filter(Boolean).join(path.delimiter) } : env;
}
