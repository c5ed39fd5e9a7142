import { parseTypedChecks, splitYamlDocuments, toManifestDocument, type ManifestCell, type RunnableCell, type ShellCell } from '../core';
import type { KubeObject, KubeTarget, ObjectResult } from '../kube/types';
import { runChecks, type EvaluateCheck } from './checks';
import { runManifest, type KubeOperations, type ManifestAction } from './manifest';
import { cellEnv } from './shell-args';
import { DEFAULT_TIMEOUT_MS, startShell, type ShellProcess } from './shell';
import type { OutputGate } from './output-gate';
import type { OutputListener, RunResult } from './types';

export type CellAction = 'run' | ManifestAction;

/** Where and how a cell runs; the same for the agent (one per lab) and the notebook runner. */
export interface CellContext {
  /** Working directory of shell cells. */
  cwd: string;
  /** Base environment of shell cells (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** KUBECONFIG for shell cells, when it must differ from the inherited one (an explicit --context). */
  kubeconfig?: string;
  /** Needed for manifest cells. */
  target?: KubeTarget;
  /** The page's or notebook's namespace (front matter); a cell's own `namespace=` wins. */
  namespace?: string;
  /** For cells without `timeout=` (default 60 s). */
  defaultTimeoutMs?: number;
  maxOutputBytes?: number;
  fieldManager?: string;
  /** Manifest applies take fields other managers hold (server-side apply force). */
  forceConflicts?: boolean;
  signal?: AbortSignal;
  onOutput?: OutputListener;
  /** The reader's hold on output (the agent pauses it while the page's socket is backed up). */
  outputGate?: OutputGate;
  /** Replaces src/kube (tests). */
  kube?: KubeOperations;
  /** Replaces src/kube's typed-check evaluator (tests). */
  evaluateCheck?: EvaluateCheck;
}

/** How long a typed check keeps asking while it fails, unless the cell says `timeout=`. */
export const DEFAULT_CHECK_TIMEOUT_MS = 20_000;

export interface CellResult extends RunResult {
  /** Per-object results of a manifest action. */
  objects?: ObjectResult[];
}

export interface CellRunOptions {
  /** Default: `run` for shell cells, `apply` for manifests (`delete` for cleanup manifests). */
  action?: CellAction;
  /** The text to run instead of the cell's own (an edited cell the agent was allowed to run). */
  source?: string;
}

export function defaultAction(cell: RunnableCell): CellAction {
  if (cell.kind === 'shell') return 'run';
  return cell.cleanup ? 'delete' : 'apply';
}

export function timeoutOf(cell: RunnableCell, context: Pick<CellContext, 'defaultTimeoutMs'>): number {
  if (cell.timeoutSeconds !== undefined) return cell.timeoutSeconds * 1000;
  if (cell.kind === 'shell' && cell.role === 'background') return 0;
  return context.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
}

export function namespaceOf(cell: RunnableCell, context: Pick<CellContext, 'namespace'>): string | undefined {
  return cell.namespace ?? context.namespace;
}

/** Starts a shell cell's process; a background cell runs until `stop()` or its own `timeout=`. */
export function startShellCell(cell: ShellCell, context: CellContext, source = cell.source): ShellProcess {
  return startShell(source, {
    cwd: context.cwd,
    env: cellEnv(context.env ?? process.env, { kubeconfig: context.kubeconfig, namespace: namespaceOf(cell, context) }),
    cellId: cell.id,
    role: cell.role,
    okMessage: cell.okMessage,
    failMessage: cell.failMessage,
    timeoutMs: timeoutOf(cell, context),
    maxOutputBytes: context.maxOutputBytes,
    signal: context.signal,
    onOutput: context.onOutput,
    outputGate: context.outputGate,
    tty: cell.tty,
  });
}

const errorResult = (message: string): CellResult => ({
  status: 'error',
  exitCode: null,
  signal: null,
  durationMs: 0,
  output: '',
  truncated: false,
  message,
});

/** The objects of a manifest cell, or of an edited version of its text (read by src/core, like the cell). */
export function manifestObjects(cell: ManifestCell, source: string): KubeObject[] | string {
  if (source === cell.source) return cell.documents.map((d) => d.object);
  const split = splitYamlDocuments(source, 1);
  const problem = split.problems[0];
  if (problem) return `YAML을 읽을 수 없습니다 (${problem.line}번째 줄): ${problem.message}`;
  const objects: KubeObject[] = [];
  for (const doc of split.documents) {
    if (doc.value === undefined || doc.value === null) continue;
    const manifest = toManifestDocument(doc);
    if (!manifest) return `${doc.line}번째 줄의 YAML 문서에 apiVersion과 kind가 없어 쿠버네티스 객체가 아닙니다.`;
    objects.push(manifest.object);
  }
  return objects.length ? objects : '적용할 YAML 문서가 없습니다.';
}

/** Runs one cell with one action to its end: the single entry point of the agent and the notebook runner. */
export async function runCell(cell: RunnableCell, context: CellContext, options: CellRunOptions = {}): Promise<CellResult> {
  const action = options.action ?? defaultAction(cell);
  const source = options.source ?? cell.source;
  if (cell.kind === 'shell' && cell.checks) {
    if (action !== 'run') return errorResult(`확인 셀에는 "${action}"을 할 수 없습니다. 실행(run)만 됩니다.`);
    if (!context.target) return errorResult('클러스터에 연결되어 있지 않아 확인할 수 없습니다. kubeconfig와 컨텍스트를 확인하세요.');
    // An edited typed check is parsed again by src/core, like the page's own cell.
    let checks = cell.checks;
    if (source !== cell.source) {
      const parsed = parseTypedChecks(source, 1, cell.namespace);
      if (parsed.problems[0]) return errorResult(`확인 YAML의 ${parsed.problems[0].line}번째 줄: ${parsed.problems[0].message}`);
      checks = parsed.checks;
    }
    return runChecks(checks, {
      target: context.target,
      namespace: namespaceOf(cell, context) ?? context.target.namespace,
      // Checks poll until they pass: a failing one should not hold a lab for the shell default.
      timeoutMs: cell.timeoutSeconds !== undefined ? cell.timeoutSeconds * 1000 : Math.min(context.defaultTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS, DEFAULT_CHECK_TIMEOUT_MS),
      okMessage: cell.okMessage,
      failMessage: cell.failMessage,
      signal: context.signal,
      onOutput: context.onOutput,
      evaluate: context.evaluateCheck,
    });
  }
  if (cell.kind === 'shell') {
    if (action !== 'run') return errorResult(`bash 셀에는 "${action}"을 할 수 없습니다. 실행(run)만 됩니다.`);
    return startShellCell(cell, context, source).result;
  }
  const manifestAction: ManifestAction = action === 'run' ? (cell.cleanup ? 'delete' : 'apply') : action;
  if (!context.target) return errorResult('클러스터에 연결되어 있지 않아 매니페스트를 처리할 수 없습니다. kubeconfig와 컨텍스트를 확인하세요.');
  const objects = manifestObjects(cell, source);
  if (typeof objects === 'string') return errorResult(objects);
  return runManifest(objects, manifestAction, {
    target: context.target,
    defaultNamespace: namespaceOf(cell, context),
    fieldManager: context.fieldManager,
    forceConflicts: context.forceConflicts,
    // A dry-run of a broken manifest is the point of `expect-invalid`; other actions are ordinary.
    expectInvalid: manifestAction === 'apply' || manifestAction === 'dry-run' ? cell.expectInvalid : undefined,
    timeoutMs: timeoutOf(cell, context),
    signal: context.signal,
    onOutput: context.onOutput,
    kube: context.kube,
  });
}
