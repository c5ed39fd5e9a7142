import type { ApplyOptions, DeleteOptions, KubeObject, KubeTarget, ObjectResult } from '../kube/types';
import { manifestLines, objectsFailed, rejectionMatches } from './manifest-results';
import type { OutputListener, RunResult } from './types';

export type ManifestAction = 'apply' | 'dry-run' | 'diff' | 'delete';

/** The part of src/kube the runner uses; injectable so tests can run without a cluster. */
export interface KubeOperations {
  applyObjects(target: KubeTarget, objects: KubeObject[], options: ApplyOptions): Promise<ObjectResult[]>;
  deleteObjects(target: KubeTarget, objects: KubeObject[], options: DeleteOptions): Promise<ObjectResult[]>;
  diffObjects(target: KubeTarget, objects: KubeObject[], options: ApplyOptions): Promise<ObjectResult[]>;
}

export interface ManifestRunOptions {
  target: KubeTarget;
  /** For namespaced objects without metadata.namespace: the cell's, else the notebook's, else the target's. */
  defaultNamespace?: string;
  /** Server-side apply field manager; the agent and the notebook runner each use their own. */
  fieldManager?: string;
  /** Take fields another manager holds (the notebook runner restoring a lab step after a mutant's kubectl patch). */
  forceConflicts?: boolean;
  /** `expect-invalid="..."`: the cell passes only when the server rejects it with this text. */
  expectInvalid?: string;
  /** Whole action, milliseconds (default 60 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
  onOutput?: OutputListener;
  kube?: KubeOperations;
}

export interface ManifestRunResult extends RunResult {
  objects: ObjectResult[];
}

export const DEFAULT_FIELD_MANAGER = 'k8s-course';

let defaultKube: Promise<KubeOperations> | undefined;
/** Loaded on first use: the shell half of the runner must work on a machine with no kubeconfig at all. */
function loadKube(): Promise<KubeOperations> {
  defaultKube ??= import('../kube').then((kube) => ({
    applyObjects: kube.applyObjects,
    deleteObjects: kube.deleteObjects,
    diffObjects: kube.diffObjects,
  }));
  return defaultKube;
}

/**
 * Runs one manifest action through src/kube. A cell with `expectInvalid` is always sent as a
 * server dry-run (if the server wrongly accepts it, nothing is created) and passes only when
 * the server rejects it with an error containing that text.
 */
export async function runManifest(objects: KubeObject[], action: ManifestAction, options: ManifestRunOptions): Promise<ManifestRunResult> {
  const startedAt = performance.now();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const done = (status: RunResult['status'], message: string, results: ObjectResult[] = []): ManifestRunResult => {
    const output = manifestLines(results, action);
    if (output) options.onOutput?.({ stream: 'stdout', text: output });
    return {
      status,
      exitCode: null,
      signal: null,
      durationMs: Math.round(performance.now() - startedAt),
      output,
      truncated: false,
      message,
      objects: results,
    };
  };
  if (options.signal?.aborted) return done('cancelled', '실행을 취소했습니다.');

  const kube = options.kube ?? (await loadKube());
  const common = { defaultNamespace: options.defaultNamespace, timeoutMs: Math.min(timeoutMs, 30_000) };
  const apply = { ...common, fieldManager: options.fieldManager ?? DEFAULT_FIELD_MANAGER, strict: true, force: options.forceConflicts || undefined };
  const call = (): Promise<ObjectResult[]> => {
    if (options.expectInvalid) return kube.applyObjects(options.target, objects, { ...apply, dryRun: true });
    switch (action) {
      case 'apply':
        return kube.applyObjects(options.target, objects, apply);
      case 'dry-run':
        return kube.applyObjects(options.target, objects, { ...apply, dryRun: true });
      case 'diff':
        return kube.diffObjects(options.target, objects, apply);
      case 'delete':
        // As `kubectl delete`: until the objects are gone, so the next cell does not see a terminating pod
        // (on real nodes a pod takes its grace period). Capped below the action's timeout, which then still reports.
        return kube.deleteObjects(options.target, objects, { ...common, waitGoneMs: Math.max(0, Math.min(timeoutMs - 5_000, 90_000)) });
    }
  };

  // src/kube takes no AbortSignal: on cancel or timeout we stop waiting; the request ends by its own timeout.
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const interrupted = new Promise<'timed-out' | 'cancelled'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), timeoutMs);
    onAbort = () => resolve('cancelled');
    options.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const outcome = await Promise.race([call(), interrupted]);
    if (outcome === 'timed-out') {
      return done('timed-out', `API 서버가 ${Math.round(timeoutMs / 1000)}초 안에 답하지 않아 기다리기를 멈췄습니다. 클러스터가 살아 있는지 kubectl get --raw /readyz로 확인하세요.`);
    }
    if (outcome === 'cancelled') return done('cancelled', '실행을 취소했습니다. 이미 보낸 요청은 클러스터에 반영되었을 수 있습니다.');
    return judge(outcome, action, options.expectInvalid, done);
  } catch (error) {
    return done('error', `매니페스트를 처리하지 못했습니다: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
  }
}

function judge(
  results: ObjectResult[],
  action: ManifestAction,
  expectInvalid: string | undefined,
  done: (status: RunResult['status'], message: string, results: ObjectResult[]) => ManifestRunResult,
): ManifestRunResult {
  if (expectInvalid) {
    if (results.some((r) => rejectionMatches(r, expectInvalid))) {
      return done('passed', `예상대로 API 서버가 거부했습니다 ("${expectInvalid}" 포함).`, results);
    }
    const rejected = results.filter((r) => r.status === 'invalid' || r.status === 'error');
    return done(
      'failed',
      rejected.length > 0
        ? `API 서버가 거부했지만 오류에 "${expectInvalid}"가 없습니다. expect-invalid 문구를 실제 오류에 맞추세요.`
        : `일부러 틀린 매니페스트인데 API 서버가 받아들였습니다. 거부되어야 할 부분("${expectInvalid}")을 확인하세요.`,
      results,
    );
  }
  const unreachable = results.find((r) => r.status === 'unreachable');
  if (unreachable) return done('error', unreachable.message, results);
  const bad = objectsFailed(results, action);
  if (bad.length > 0) {
    return done('failed', bad.length === 1 ? bad[0]!.message : `객체 ${bad.length}개를 처리하지 못했습니다. 아래 객체별 메시지를 확인하세요.`, results);
  }
  const verb = { apply: '적용했습니다', 'dry-run': '서버 dry-run을 통과했습니다', diff: '차이를 계산했습니다', delete: '삭제했습니다' }[action];
  return done('passed', `객체 ${results.length}개를 ${verb}.`, results);
}
