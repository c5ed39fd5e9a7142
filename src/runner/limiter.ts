/** Thrown when every slot is taken and the queue is full; the agent answers it with HTTP 429. */
export class RunnerBusyError extends Error {
  override name = 'RunnerBusyError';
  readonly code = 'runner-busy';
  constructor(readonly limit: number) {
    super(`이미 셀 ${limit}개가 실행 중이라 더 실행할 수 없습니다. 실행 중인 셀이 끝나거나 취소한 뒤 다시 실행하세요.`);
  }
}

export type Release = () => void;

/**
 * At most `max` runs at once; up to `maxQueued` more wait in order (0: reject at once, which is
 * what the agent wants; Infinity: the notebook runner, which is sequential anyway).
 */
export class RunLimiter {
  private running = 0;
  private readonly waiting: Array<{ grant: (release: Release) => void; reject: (error: Error) => void }> = [];

  constructor(
    readonly max: number,
    readonly maxQueued = 0,
  ) {
    if (!(max >= 1)) throw new RangeError('max must be at least 1');
  }

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /** A slot now, or undefined when all are taken (never queues). */
  tryAcquire(): Release | undefined {
    if (this.running >= this.max) return undefined;
    this.running += 1;
    return this.releaser();
  }

  /**
   * A slot now or later. Throws RunnerBusyError synchronously (not as a rejection) when the
   * queue is full, so a caller can refuse a request before it promises anything. An abort while
   * waiting rejects with the signal's reason.
   */
  acquire(signal?: AbortSignal): Promise<Release> {
    const now = this.tryAcquire();
    if (now) return Promise.resolve(now);
    if (this.waiting.length >= this.maxQueued) throw new RunnerBusyError(this.max);
    return new Promise<Release>((resolve, reject) => {
      const entry = {
        grant: (release: Release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        reject,
      };
      const onAbort = (): void => {
        const index = this.waiting.indexOf(entry);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  private releaser(): Release {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.grant(this.releaser());
      else this.running -= 1;
    };
  }
}
