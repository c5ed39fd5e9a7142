/**
 * Process groups the runner started and has not yet seen gone. If the host process exits
 * (normally, on an uncaught error, or on a signal it handles by exiting) they are killed, so a
 * crashed agent or notebook run leaves no orphans behind. A SIGKILLed host cannot be helped.
 */
const active = new Set<number>();
let hooked = false;

/**
 * SIGKILLs every group still running. Hosts call it on their own way out (the agent's SIGINT
 * handler): Node's default signal handling exits without the 'exit' event, and the groups are
 * detached, so the terminal's Ctrl-C does not reach them.
 */
export function killActiveGroups(): void {
  for (const pgid of active) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  active.clear();
}

export function trackGroup(pgid: number): void {
  if (!hooked) {
    hooked = true;
    process.once('exit', killActiveGroups);
  }
  active.add(pgid);
}

export function untrackGroup(pgid: number): void {
  active.delete(pgid);
}

export function activeGroups(): number[] {
  return [...active];
}
