import { describe, expect, it, vi } from 'vitest';
import { idlePrefetch } from './prefetch-queue';

function manualIdle() {
  const pending: Array<(deadline?: IdleDeadline) => void> = [];
  const schedule = (task: (deadline?: IdleDeadline) => void): void => void pending.push(task);
  const runIdle = (msLeft: number): void => {
    const task = pending.shift();
    let left = msLeft;
    task?.({ didTimeout: false, timeRemaining: () => left-- } as unknown as IdleDeadline);
  };
  return { schedule, runIdle, pending };
}

describe('idlePrefetch', () => {
  it('does nothing while the page is busy, then prefetches while idle', () => {
    const prefetch = vi.fn(() => true);
    const idle = manualIdle();
    const queued = idlePrefetch(prefetch, idle.schedule);
    queued('/docs/day1');
    queued('/docs/day2');
    expect(prefetch).not.toHaveBeenCalled();
    idle.runIdle(100);
    expect(prefetch.mock.calls).toEqual([['/docs/day1'], ['/docs/day2']]);
  });

  it('stops when the idle period runs short and continues in the next one', () => {
    const prefetch = vi.fn(() => true);
    const idle = manualIdle();
    const queued = idlePrefetch(prefetch, idle.schedule);
    for (const p of ['/a', '/b', '/c']) queued(p);
    idle.runIdle(0);
    expect(prefetch).toHaveBeenCalledTimes(1);
    expect(idle.pending).toHaveLength(1);
    idle.runIdle(100);
    expect(prefetch).toHaveBeenCalledTimes(3);
  });

  it('queues a route once, however many links point to it', () => {
    const prefetch = vi.fn(() => true);
    const idle = manualIdle();
    const queued = idlePrefetch(prefetch, idle.schedule);
    queued('/docs/day1');
    queued('/docs/day1');
    idle.runIdle(100);
    expect(prefetch).toHaveBeenCalledTimes(1);
  });
});
