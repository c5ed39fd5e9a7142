import { readdirSync, readFileSync } from 'node:fs';

/** Signals to a whole process group: a cell's grandchildren (`sleep &`, port-forwards) go with it. */

export const KILL_GRACE_MS = 1500;

/** `state` and `pgid` fields of /proc/PID/stat; the command name may contain spaces and parens. */
export function procStat(pid: number | string): { state: string; pgid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** A zombie (Z) or dead (X) process runs nothing and is reaped by init in its own time. */
export const isRunning = (state: string): boolean => state !== 'Z' && state !== 'X';

/** Pids of the group's living (not zombie) members, or undefined where there is no /proc (macOS). */
export function livingMembers(pgid: number): number[] | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  return pids.filter((pid) => {
    const stat = procStat(pid);
    return stat !== undefined && stat.pgid === pgid && isRunning(stat.state);
  }).map(Number);
}

/**
 * True while any process of the group is alive. A killed grandchild is re-parented to init and
 * stays a zombie until init reaps it, which some container inits do late; a zombie runs nothing,
 * so on Linux it does not count.
 */
export function groupExists(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    // EPERM: it exists but belongs to someone else; treat as alive so we never stop waiting early.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const living = livingMembers(pgid);
  return living === undefined || living.length > 0;
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * SIGTERM to the group, then SIGKILL after `graceMs` if any member is left, so everything is
 * gone within about `graceMs` + a few ms. Resolves when the kill is sent (not when reaped).
 */
export function terminateGroup(pgid: number, graceMs = KILL_GRACE_MS): Promise<void> {
  if (!signalGroup(pgid, 'SIGTERM')) return Promise.resolve();
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = (): void => {
      if (!groupExists(pgid)) return resolve();
      if (Date.now() - started >= graceMs) {
        signalGroup(pgid, 'SIGKILL');
        return resolve();
      }
      setTimeout(poll, 50);
    };
    setTimeout(poll, 50);
  });
}
