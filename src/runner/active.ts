import type { Containment } from './containment';

/**
 * Runs the runner started and has not yet seen end. If the host process exits (normally, on an
 * uncaught error, or on a signal it handles by exiting) everything they started is killed, so a
 * crashed agent or notebook run leaves no orphans behind. A SIGKILLed host cannot be helped
 * (its cgroups are swept, empty, on the next start).
 */
const active = new Set<Containment>();
let hooked = false;

/**
 * Kills every process of every run still going, synchronously. Hosts call it on their own way
 * out (the agent's SIGINT/SIGTERM/SIGHUP handler): Node's default signal handling exits without
 * the 'exit' event, and the cells are detached, so the terminal's signals do not reach them.
 */
export function killActiveGroups(): void {
  for (const run of active) run.killNow();
  for (const run of active) run.release();
  active.clear();
}

export function trackRun(run: Containment): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', killActiveGroups);
  }
  active.add(run);
}

export function untrackRun(run: Containment): void {
  active.delete(run);
}

/** The leaders' pids (= process group ids) of the runs still tracked. */
export function activeGroups(): number[] {
  return [...active].map((run) => run.leaderPid).filter((pid): pid is number => pid !== undefined);
}
