import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isRunning, procStat } from './process-group';

/**
 * Everything one run started, wherever it went. A process group alone is not enough: a cell's
 * `setsid sleep 1000 &`, `set -m` job or `setsid -f` leaves the group and would outlive cancel.
 *
 * - Where the machine allows it (cgroup v1 freezer hierarchy writable, as root on Linux), each
 *   run gets its own cgroup. The shell joins it before it runs a single line of the cell, every
 *   descendant inherits it, and no process can leave it without write access to the hierarchy.
 *   Killing freezes the cgroup first, so nothing can fork while it is emptied.
 * - Otherwise (no cgroup access: an ordinary user, macOS) descendants are found by a per-run
 *   marker in their environment (`K8S_COURSE_RUN_ID`, read from /proc/PID/environ) and by the
 *   process group; they are stopped (SIGSTOP) until the set no longer grows, then killed. A
 *   process that both leaves the group and drops the variable from its environment (`setsid env
 *   -i ...`) escapes this fallback; that is documented in src/agent/README.md.
 */

export const RUN_MARKER = 'K8S_COURSE_RUN_ID';

/** Where the runs' cgroups live; one directory per run below it. */
const FREEZER_ROOT = '/sys/fs/cgroup/freezer';
const FREEZER_PARENT = path.join(FREEZER_ROOT, 'k8s-course');

export type ContainmentMode = 'cgroup' | 'marker';

let freezerUsable: boolean | undefined;

/** True once the freezer hierarchy accepted a directory of ours. `K8S_COURSE_CONTAINMENT=marker` forces the fallback (tests). */
function canUseFreezer(): boolean {
  if (process.env.K8S_COURSE_CONTAINMENT === 'marker') return false;
  if (freezerUsable !== undefined) return freezerUsable;
  freezerUsable = false;
  if (process.platform !== 'linux' || !existsSync(path.join(FREEZER_ROOT, 'cgroup.procs'))) return false;
  try {
    mkdirSync(FREEZER_PARENT, { recursive: true });
    freezerUsable = existsSync(path.join(FREEZER_PARENT, 'cgroup.procs'));
    if (freezerUsable) sweepStale();
  } catch {
    freezerUsable = false;
  }
  return freezerUsable;
}

/** Empty cgroups of earlier runs (an agent that was SIGKILLed); rmdir refuses non-empty ones, so live runs are safe. */
function sweepStale(): void {
  for (const name of readdirSync(FREEZER_PARENT, { withFileTypes: true })) {
    if (!name.isDirectory()) continue;
    const dir = path.join(FREEZER_PARENT, name.name);
    try {
      if (readFileSync(path.join(dir, 'cgroup.procs'), 'utf8').trim() === '') rmdirSync(dir);
    } catch {
      // in use or already gone
    }
  }
}

/** A zombie runs nothing and is reaped by init in its own time; it does not count as alive. */
const living = (pid: number): boolean => {
  const stat = procStat(pid);
  return stat !== undefined && isRunning(stat.state);
};

function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .map(Number);
  } catch {
    return [];
  }
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // gone already
  }
}

const sleepSync = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class Containment {
  readonly runId = randomBytes(12).toString('hex');
  readonly mode: ContainmentMode;
  private readonly cgroup: string | undefined;
  private leader: number | undefined;
  private readonly markerEntry: Buffer;

  constructor() {
    let cgroup: string | undefined;
    if (canUseFreezer()) {
      const dir = path.join(FREEZER_PARENT, `run-${this.runId}`);
      try {
        mkdirSync(dir);
        cgroup = dir;
      } catch {
        cgroup = undefined;
      }
    }
    this.cgroup = cgroup;
    this.mode = cgroup ? 'cgroup' : 'marker';
    this.markerEntry = Buffer.from(`${RUN_MARKER}=${this.runId}\0`);
  }

  /** Added to the run's environment: the fallback's marker (harmless, and informative, with a cgroup). */
  get env(): Record<string, string> {
    return { [RUN_MARKER]: this.runId };
  }

  /**
   * The command to spawn instead of `command args`: with a cgroup, a `sh` that writes its own
   * pid into the cgroup and then becomes the command, so the cell is inside before its first line.
   */
  wrap(command: string, args: readonly string[]): { command: string; args: string[] } {
    if (!this.cgroup) return { command, args: [...args] };
    const procs = path.join(this.cgroup, 'cgroup.procs');
    return { command: '/bin/sh', args: ['-c', '{ echo $$ > "$0"; } 2>/dev/null; exec "$@"', procs, command, ...args] };
  }

  get leaderPid(): number | undefined {
    return this.leader;
  }

  /** The spawned process (the leader of its own process group). */
  started(pid: number): void {
    this.leader = pid;
  }

  /** Living processes of the run. */
  members(): number[] {
    const found = new Set<number>();
    if (this.cgroup) {
      try {
        for (const line of readFileSync(path.join(this.cgroup, 'cgroup.procs'), 'utf8').split('\n')) if (line) found.add(Number(line));
      } catch {
        // removed
      }
    }
    const pids = allPids();
    for (const pid of pids) {
      if (found.has(pid)) continue;
      if (this.leader !== undefined && procStat(pid)?.pgid === this.leader) found.add(pid);
      else if (!this.cgroup && this.hasMarker(pid)) found.add(pid);
    }
    return [...found].filter(living);
  }

  alive(): boolean {
    return this.members().length > 0;
  }

  /** Sends `signal` to every member (a polite SIGTERM first lets port-forwards close cleanly). */
  signal(signal: NodeJS.Signals): void {
    if (this.leader !== undefined) {
      try {
        process.kill(-this.leader, signal);
      } catch {
        // the group is gone
      }
    }
    for (const pid of this.members()) kill(pid, signal);
  }

  /**
   * SIGTERM to everything, SIGKILL to whatever is left after `graceMs`, then waits (bounded)
   * until nothing is alive and removes the cgroup. Resolves when the run is empty.
   */
  async terminate(graceMs: number): Promise<void> {
    this.signal('SIGTERM');
    const started = Date.now();
    while (this.alive() && Date.now() - started < graceMs) await wait(50);
    if (this.alive()) this.killNow();
    const killedAt = Date.now();
    while (this.alive() && Date.now() - killedAt < 3_000) {
      await wait(50);
      // Anything still here was forked in the instant between the scan and the kill.
      if (this.alive()) this.killNow();
    }
    this.release();
  }

  /**
   * Synchronous and final: for exit hooks, where no timer will fire again. The cgroup is frozen
   * so nothing forks while its members are killed; without one, members are stopped until the
   * set stops growing, then killed.
   */
  killNow(): void {
    if (this.cgroup && this.freeze()) {
      for (const pid of this.members()) kill(pid, 'SIGKILL');
      this.thaw();
      return;
    }
    const seen = new Set<number>();
    for (let round = 0; round < 20; round += 1) {
      const fresh = this.members().filter((pid) => !seen.has(pid));
      if (fresh.length === 0) break;
      for (const pid of fresh) {
        seen.add(pid);
        kill(pid, 'SIGSTOP');
      }
    }
    for (const pid of seen) kill(pid, 'SIGKILL');
    if (this.leader !== undefined) {
      try {
        process.kill(-this.leader, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }

  /** Removes the run's cgroup once it is empty (later sweeps catch one that is not yet). */
  release(): void {
    if (!this.cgroup) return;
    try {
      rmdirSync(this.cgroup);
    } catch {
      // members not yet reaped; sweepStale() removes it on a later start
    }
  }

  private freeze(): boolean {
    const state = path.join(this.cgroup!, 'freezer.state');
    try {
      writeFileSync(state, 'FROZEN');
      for (let i = 0; i < 100; i += 1) {
        if (readFileSync(state, 'utf8').trim() === 'FROZEN') return true;
        sleepSync(5);
      }
    } catch {
      // removed or not permitted: fall through to the stop-and-kill loop
    }
    return false;
  }

  private thaw(): void {
    try {
      writeFileSync(path.join(this.cgroup!, 'freezer.state'), 'THAWED');
    } catch {
      // gone
    }
  }

  private hasMarker(pid: number): boolean {
    try {
      return readFileSync(`/proc/${pid}/environ`).includes(this.markerEntry);
    } catch {
      return false;
    }
  }
}
