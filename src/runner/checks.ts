/**
 * Runs a typed verify cell (```yaml verify, src/core/checks.ts): evaluates every check through
 * src/kube, again once a second while some fail (controllers take a moment), until all pass or the
 * cell's time is up. Fails with each failing check's expected vs actual and the related objects.
 */
import type { TypedCheck } from '../core';
import type { CheckResult, KubeTarget } from '../kube';
import type { OutputListener, RunResult } from './types';

export type EvaluateCheck = (target: KubeTarget, check: TypedCheck, namespace: string) => Promise<CheckResult>;

export interface CheckRunOptions {
  target: KubeTarget;
  namespace: string;
  timeoutMs: number;
  okMessage?: string;
  failMessage?: string;
  signal?: AbortSignal;
  onOutput?: OutputListener;
  /** Replaces src/kube's evaluator (tests). */
  evaluate?: EvaluateCheck;
  /** Pause between rounds while a check fails (default 1 s). */
  intervalMs?: number;
}

let defaultEvaluate: Promise<EvaluateCheck> | undefined;
const loadEvaluate = (): Promise<EvaluateCheck> => (defaultEvaluate ??= import('../kube').then((kube) => kube.evaluateCheck));

const lineOf = (r: CheckResult): string => [`${r.ok ? '✔' : '✘'} ${r.message}`, ...r.related.map((x) => `    ${x}`)].join('\n');

export async function runChecks(checks: readonly TypedCheck[], options: CheckRunOptions): Promise<RunResult> {
  const startedAt = performance.now();
  const evaluate = options.evaluate ?? (await loadEvaluate());
  const deadline = startedAt + options.timeoutMs;
  const done = (status: RunResult['status'], message: string, results: CheckResult[]): RunResult => {
    const output = results.length ? `${results.map(lineOf).join('\n')}\n` : '';
    if (output) options.onOutput?.({ stream: 'stdout', text: output });
    return { status, exitCode: status === 'passed' ? 0 : status === 'failed' ? 1 : null, signal: null, durationMs: Math.round(performance.now() - startedAt), output, truncated: false, message };
  };
  let results: CheckResult[] = [];
  for (;;) {
    if (options.signal?.aborted) return done('cancelled', '실행을 취소했습니다.', results);
    try {
      results = await Promise.all(checks.map((check) => evaluate(options.target, check, options.namespace)));
    } catch (error) {
      return done('error', `확인하지 못했습니다: ${(error as Error).message}`, results);
    }
    const failing = results.filter((r) => !r.ok);
    if (failing.length === 0) return done('passed', options.okMessage ?? '확인을 통과했습니다.', results);
    if (performance.now() + (options.intervalMs ?? 1000) > deadline) {
      const first = failing[0]!;
      const more = failing.length > 1 ? ` (그 밖에 ${failing.length - 1}개 더 실패)` : '';
      return done('failed', `${options.failMessage ? `${options.failMessage}: ` : ''}${first.message}${more}`, results);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
  }
}
