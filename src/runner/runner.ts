import type { RunnableCell } from '../core';
import { runCell, type CellContext, type CellResult, type CellRunOptions } from './cell';
import { RunLimiter } from './limiter';

/** One started run: what the agent keeps per request. */
export interface CellRun {
  readonly result: Promise<CellResult>;
  /** Kills the whole process group (or stops waiting for the API); `result` resolves as cancelled. */
  cancel(): void;
}

export interface CellRunnerOptions {
  /** Runs at once, background cells included (default 4). */
  maxConcurrent?: number;
  /** Runs that may wait for a slot (default 0: refuse at once, the agent's HTTP 429). */
  maxQueued?: number;
}

const cancelledWhileQueued = (): CellResult => ({
  status: 'cancelled',
  exitCode: null,
  signal: null,
  durationMs: 0,
  output: '',
  truncated: false,
  message: '실행을 기다리는 중에 취소했습니다.',
});

/**
 * runCell behind a concurrency limit. `start` throws RunnerBusyError synchronously when no slot
 * is free and the queue is full, so the caller can refuse before promising a run.
 */
export class CellRunner {
  readonly limiter: RunLimiter;

  constructor(options: CellRunnerOptions = {}) {
    this.limiter = new RunLimiter(options.maxConcurrent ?? 4, options.maxQueued ?? 0);
  }

  start(cell: RunnableCell, context: CellContext, options: CellRunOptions = {}): CellRun {
    const controller = new AbortController();
    const outer = context.signal;
    const forward = (): void => controller.abort(outer?.reason);
    if (outer?.aborted) controller.abort(outer.reason);
    else outer?.addEventListener('abort', forward, { once: true });
    const slot = this.limiter.acquire(controller.signal);
    const result = slot.then(
      (release) =>
        runCell(cell, { ...context, signal: controller.signal }, options).finally(() => {
          release();
          outer?.removeEventListener('abort', forward);
        }),
      () => cancelledWhileQueued(),
    );
    return { result, cancel: () => controller.abort() };
  }

  run(cell: RunnableCell, context: CellContext, options: CellRunOptions = {}): Promise<CellResult> {
    return this.start(cell, context, options).result;
  }
}
