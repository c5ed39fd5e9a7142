import { whenIdle } from './idle';

export type Prefetch = (routePath: string) => boolean | Promise<unknown>;

/**
 * Docusaurus prefetches the chunks of every internal link that scrolls into view, right away. A lab
 * page links to dozens of pages, and doing all of it during load (over 300 `<link rel=prefetch>`
 * on a phone-sized lab page) was one of its longest tasks. This queues the same prefetches and
 * does a few at a time while the browser is idle. Hover and tap still preload at once, unchanged.
 */
export function idlePrefetch(prefetch: Prefetch, schedule: typeof whenIdle = whenIdle): Prefetch {
  const queue: string[] = [];
  const queued = new Set<string>();
  let scheduled = false;
  const drain = (deadline?: IdleDeadline): void => {
    scheduled = false;
    do {
      const next = queue.shift();
      if (next === undefined) return;
      queued.delete(next);
      void prefetch(next);
    } while (deadline && deadline.timeRemaining() > 30);
    if (queue.length > 0) {
      scheduled = true;
      schedule(drain);
    }
  };
  return (routePath) => {
    if (queued.has(routePath)) return true;
    queued.add(routePath);
    queue.push(routePath);
    if (!scheduled) {
      scheduled = true;
      schedule(drain);
    }
    return true;
  };
}
