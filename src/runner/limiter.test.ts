import { describe, expect, it } from 'vitest';
import { RunLimiter, RunnerBusyError } from './limiter';

describe('RunLimiter', () => {
  it('refuses synchronously when full and the queue is 0', async () => {
    const limiter = new RunLimiter(2);
    const a = await limiter.acquire();
    await limiter.acquire();
    expect(() => limiter.acquire()).toThrow(RunnerBusyError);
    a();
    a(); // releasing twice frees one slot only
    await limiter.acquire();
    expect(limiter.active).toBe(2);
    expect(() => limiter.acquire()).toThrow(/셀 2개가 실행 중/);
  });

  it('queues in order when allowed and hands the slot over on release', async () => {
    const limiter = new RunLimiter(1, 5);
    const first = await limiter.acquire();
    const order: number[] = [];
    const second = limiter.acquire().then((release) => (order.push(2), release));
    const third = limiter.acquire().then((release) => (order.push(3), release));
    expect(limiter.queued).toBe(2);
    first();
    (await second)();
    (await third)();
    expect(order).toEqual([2, 3]);
    expect(limiter.active).toBe(0);
  });

  it('drops an aborted waiter from the queue', async () => {
    const limiter = new RunLimiter(1, 5);
    const first = await limiter.acquire();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    controller.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    expect(limiter.queued).toBe(0);
    first();
    expect(limiter.active).toBe(0);
  });
});
