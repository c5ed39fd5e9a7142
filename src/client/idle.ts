/**
 * Runs `task` when the browser has nothing better to do (requestIdleCallback where it exists,
 * a short timeout elsewhere), so work that no reader waits for stays out of page load.
 */
export function whenIdle(task: (deadline?: IdleDeadline) => void, timeoutMs = 3_000): void {
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback((deadline) => task(deadline), { timeout: timeoutMs });
  else window.setTimeout(() => task(), 200);
}
