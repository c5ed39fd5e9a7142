import { readFileSync } from 'node:fs';
import path from 'node:path';
import { detectCapabilities } from '../kube/capabilities';
import { closeTarget } from '../kube/http';
import { internetAllowed } from '../kube/capabilities-decide';
import { CapabilityCache } from './capabilities';
import type { CellExecutor } from './executor';
import { healthInfo, runGuard, viewCluster, type ClusterView } from './health';
import { parseAgentArgs, pairingLink } from './options';
import { CellRegistry } from './registry';
import { createAgentServer } from './server';
import { Sessions } from './sessions';
import { createToken } from './token';

export interface StartedAgent {
  port: number;
  close(): Promise<void>;
}

/**
 * Health is asked for every few seconds by every open tab; for that display the kubeconfig is
 * re-read at most this often. Runs never use this view: each is judged on its own fresh read.
 */
const CLUSTER_VIEW_TTL_MS = 2_000;

/**
 * Starts the agent: reads the course's cells, binds to loopback only, and prints
 * the pairing link (with its one-time code) once. The code appears nowhere else.
 */
export async function startAgent(
  argv: readonly string[],
  root: string,
  makeExecutor: (root: string) => CellExecutor,
  log: (line: string) => void = console.log,
): Promise<StartedAgent> {
  const parsed = parseAgentArgs(argv);
  if (!parsed.ok) throw new Error(parsed.error);
  const { options } = parsed;
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const registry = await CellRegistry.fromContent(root);
  // The link carries a one-time code, never a session token: see sessions.ts.
  const code = createToken();
  const sessions = new Sessions(code);
  let cached: { at: number; view: ClusterView } | undefined;
  const view = (): ClusterView => {
    if (!cached || Date.now() - cached.at > CLUSTER_VIEW_TTL_MS) cached = { at: Date.now(), view: viewCluster(options.context) };
    return cached.view;
  };
  // Configured, never probed: the agent sends nothing to outside hosts to find out.
  const internet = internetAllowed({ env: process.env.K8S_COURSE_INTERNET, noInternetFlag: options.noInternet });
  const capabilities = new CapabilityCache({
    guard: () => runGuard(options.context),
    // Each ask judges a fresh kubeconfig object, and src/kube keeps sockets per object: close them after the look.
    detect: (target) => detectCapabilities(target, { internet, timeoutMs: 5_000 }).finally(() => void closeTarget(target)),
  });
  const server = createAgentServer(
    {
      port: options.port,
      sessions,
      origins: new Set(options.origins),
      allowEdited: options.allowEdited,
      maxConcurrentRuns: options.maxConcurrentRuns,
      maxBodyBytes: 64 * 1024,
      maxMessageBytes: 256 * 1024,
      health: () => healthInfo(version, view(), registry.size, options.allowEdited),
      guard: () => runGuard(options.context),
      capabilities: (fresh) => capabilities.current(fresh),
    },
    { registry, executor: makeExecutor(root) },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `포트 ${options.port}를 이미 다른 프로그램이 쓰고 있습니다. --port로 다른 포트를 고르세요.` : error.message)),
    );
    server.listen(options.port, options.host, resolve);
  });
  const cluster = view();
  log(`쿠버네티스 과정 에이전트 ${version}: http://${options.host === '::1' ? '[::1]' : options.host}:${options.port} (셀 ${registry.size}개)`);
  log(cluster.context ? `클러스터: ${cluster.context} (네임스페이스 ${cluster.namespace})` : '클러스터: 없음');
  if (cluster.reason) log(cluster.reason);
  if (options.allowEdited) log('주의: --allow-edited: 페이지에서 수정한 셀도 실행합니다.');
  log(`\n이 링크를 브라우저에서 열어 페이지와 연결하세요 (한 번만 표시됩니다):\n${pairingLink(options, code, sessions.instance)}\n`);
  return {
    port: options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
