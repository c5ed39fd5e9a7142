import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { capabilitiesLine, isRunnable, NO_ADDONS, type Capabilities, type ParsedFile } from '../core';
import { scanContent } from '../content/files';
import type { KubeTarget } from '../kube/types';
import { parseCliArgs, USAGE, type CliOptions } from './cli-args';
import { noCluster, type NotebookCluster } from './cluster';
import { FORMATS } from './format';
import { notebookNamespace } from './namespace';
import { planNotebook } from './plan';
import { planText } from './plan-text';
import { progressPrinter } from './progress';
import { LeakCheck } from './leak-check';
import { runNotebook } from './run';
import { runReport } from './summary';
import type { NotebookReport } from './types';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Where SIGINT/SIGTERM are listened for (the real process in the script, an emitter in tests). */
  signals?: Pick<NodeJS.Process, 'on' | 'off'>;
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** Each file's own problems plus the ids it repeats from another file. */
async function readNotebooks(root: string, targets: string[]): Promise<ParsedFile[]> {
  const scan = await scanContent(root, targets);
  return scan.files.map((file) => ({
    ...file,
    problems: scan.problems.filter((p) => p.file === file.file),
  }));
}

interface Connection {
  target: KubeTarget;
  cluster: NotebookCluster;
  /** What the cluster offers to cells' needs=; detect() looks again (an earlier cell may install an add-on). */
  capabilities: Capabilities;
  detect?: () => Promise<Capabilities>;
  /** A kubeconfig whose current context is the --context one, for kubectl in shell cells. */
  kubeconfig?: string;
  /** The cells' environment for this cluster: the project's static-pod cluster puts its node shell (`docker exec NODE`) on PATH. */
  cellEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** src/kube (and @kubernetes/client-node) load only here: --help, --dry-list and --no-cluster start fast. */
async function connect(options: CliOptions, io: CliIo): Promise<Connection | string> {
  const kube = await import('../kube');
  const { kubeCluster } = await import('./kube-cluster');
  let target: KubeTarget;
  try {
    target = kube.loadTarget({ context: options.context });
  } catch (error) {
    return (error as Error).message;
  }
  const judgement = kube.judgeLearningCluster(target.context, target.server);
  if (!options.context && !judgement.learning) {
    return (
      `${judgement.reason} 학습용 클러스터로 보이지 않아 실행하지 않았습니다. ` +
      `노트북은 객체를 만들고 지웁니다. 정말 이 클러스터에서 실행하려면 --context ${target.context}를 붙이세요.`
    );
  }
  try {
    const version = await kube.serverVersion(target);
    io.stderr(`클러스터: 컨텍스트 ${target.context}, ${target.server} (쿠버네티스 ${version})\n`);
  } catch (error) {
    await kube.closeTarget(target);
    return `클러스터에 연결할 수 없습니다: ${(error as Error).message}`;
  }
  let kubeconfig: string | undefined;
  let kubeconfigDir: string | undefined;
  if (options.context) {
    // kubectl in shell cells reads the kubeconfig's current-context, not ours: give it one that says --context.
    kubeconfigDir = await mkdtemp(path.join(tmpdir(), 'k8s-course-kubeconfig-'));
    kubeconfig = path.join(kubeconfigDir, 'config');
    await writeFile(kubeconfig, target.kubeConfig.exportConfig(), { mode: 0o600 });
    await chmod(kubeconfigDir, 0o700);
  }
  const { withNodeShell } = await import('../kube/node-shell');
  const detect = async (): Promise<Capabilities> => ({ ...(await kube.detectCapabilities(target, { internet: options.internet })), context: target.context });
  const capabilities = options.capabilities ? { ...options.capabilities, context: target.context } : await detect();
  return {
    target,
    cluster: kubeCluster(target),
    capabilities,
    detect: options.capabilities ? undefined : detect,
    kubeconfig,
    cellEnv: (base) => withNodeShell(base, target),
    close: async () => {
      await kube.closeTarget(target);
      if (kubeconfigDir) await rm(kubeconfigDir, { recursive: true, force: true });
    },
  };
}

function dryList(notebooks: ParsedFile[], options: CliOptions, io: CliIo): number {
  const plans = notebooks.map((parsed) => planNotebook(parsed, { ci: options.ci, capabilities: options.capabilities }));
  if (options.format === 'json') {
    const data = plans.map((plan) => ({ ...plan, main: plan.main, cleanup: plan.cleanup }));
    io.stdout(`${JSON.stringify(data, (key, value: unknown) => (key === 'object' || key === 'hash' ? undefined : value), 2)}\n`);
  } else {
    io.stdout(`실행 계획${options.ci ? ' (CI 모드)' : ''} — 클러스터에는 손대지 않았습니다.\n\n`);
    for (const plan of plans) io.stdout(`${planText(plan, notebookNamespace(plan.file, plan.declaredNamespace, 'xxxxxx'))}\n`);
  }
  return plans.some((plan) => plan.problems.length > 0) ? EXIT.failed : EXIT.ok;
}

/** `npm run notebook`: returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseCliArgs(argv, io.env);
  if ('error' in options) {
    io.stderr(`${options.error}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (options.help) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  let notebooks: ParsedFile[];
  try {
    notebooks = (await readNotebooks(io.cwd, options.targets)).filter((file) => file.cells.some(isRunnable) || file.problems.length > 0);
  } catch (error) {
    io.stderr(`${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (notebooks.length === 0) {
    io.stderr(`실행할 셀이 있는 노트북이 없습니다: ${options.targets.join(' ')}\n`);
    return EXIT.usage;
  }
  if (options.dryList) return dryList(notebooks, options, io);

  const connection = options.noCluster ? undefined : await connect(options, io);
  if (typeof connection === 'string') {
    io.stderr(`${connection}\n`);
    return EXIT.usage;
  }
  // Without a cluster nothing runs containers or has add-ons.
  const capabilities: Capabilities = connection?.capabilities ??
    options.capabilities ?? { nodes: 'none', containers: false, internet: options.internet, kindNode: false, kindCluster: false, addons: { ...NO_ADDONS }, source: '--no-cluster' };
  io.stderr(`클러스터가 제공하는 것: ${capabilitiesLine(capabilities)}${capabilities.source ? ` (${capabilities.source})` : ''}\n`);

  // First Ctrl-C: stop the current cell and the main sequence, then clean up. Second: stop cleaning up too.
  const main = new AbortController();
  const cleanup = new AbortController();
  const onSignal = (): void => {
    if (!main.signal.aborted) {
      io.stderr('\n중단 요청을 받았습니다. 지금 셀의 프로세스를 멈추고 정리(cleanup) 셀을 실행합니다. 한 번 더 누르면 정리도 멈춥니다.\n');
      main.abort();
    } else if (!cleanup.signal.aborted) {
      io.stderr('\n정리를 멈춥니다. 클러스터에 실습 객체가 남아 있을 수 있습니다.\n');
      cleanup.abort();
    }
  };
  io.signals?.on('SIGINT', onSignal);
  io.signals?.on('SIGTERM', onSignal);

  const startedAt = performance.now();
  const reports: NotebookReport[] = [];
  const cluster = connection?.cluster ?? noCluster;
  const leakCheck = cluster.inventory ? new LeakCheck(() => cluster.inventory!(), (message) => io.stderr(`  ${message}\n`)) : undefined;
  try {
    for (const parsed of notebooks) {
      if (main.signal.aborted) break;
      await leakCheck?.start();
      const report = await runNotebook(parsed, {
          ci: options.ci,
          capabilities,
          refreshCapabilities: connection?.detect,
          cluster: connection?.cluster ?? noCluster,
          kubeconfig: connection?.kubeconfig,
          // Cells that call the course's own tools (the rubric check) find the repository through this.
          env: connection ? connection.cellEnv({ K8S_COURSE_ROOT: io.cwd, ...io.env }) : { K8S_COURSE_ROOT: io.cwd, ...io.env },
          defaultTimeoutMs: options.timeoutSeconds * 1000,
          keepWorkdir: options.keepWorkdir,
          signal: main.signal,
          cleanupSignal: cleanup.signal,
          onEvent: progressPrinter({ write: io.stderr, verbose: options.verbose }),
        });
      if (!report.unreachable && !main.signal.aborted) await leakCheck?.finish(parsed, report);
      reports.push(report);
      if (report.unreachable) {
        io.stderr('\n클러스터에 연결할 수 없어 남은 노트북은 실행하지 않습니다.\n');
        break;
      }
    }
    leakCheck?.end();
  } finally {
    io.signals?.off('SIGINT', onSignal);
    io.signals?.off('SIGTERM', onSignal);
    await connection?.close();
  }

  const report = runReport(reports, {
    ci: options.ci,
    context: connection?.target.context,
    capabilities,
    durationMs: Math.round(performance.now() - startedAt),
    interrupted: main.signal.aborted,
  });
  const text = FORMATS[options.format].format(report);
  if (options.output) {
    const file = path.resolve(io.cwd, options.output);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text);
    io.stderr(`\n결과를 ${options.output}에 썼습니다 (${options.format}).\n`);
    if (options.format !== 'human') io.stderr(FORMATS.human.format(report));
  } else {
    io.stdout(text);
  }
  if (report.interrupted) return EXIT.interrupted;
  if (report.unreachable) return EXIT.usage;
  return report.failed ? EXIT.failed : EXIT.ok;
}
