import { spawn, type ChildProcess } from 'node:child_process';
import { trackRun, untrackRun } from './active';
import { Containment } from './containment';
import { DEFAULT_MAX_OUTPUT_BYTES, OutputCollector } from './output-cap';
import type { OutputGate } from './output-gate';
import { KILL_GRACE_MS } from './process-group';
import { fromTerminalBytes, SCRIPT, ttyArgs, ttyEnv, waitingForInput, type InputWait } from './pty';
import { BASH, bashArgs, MAX_SOURCE_BYTES } from './shell-args';
import { messageOf, statusOf, type MessageContext, type ProcessEnding } from './status';
import type { OutputListener, RunResult } from './types';

export const DEFAULT_TIMEOUT_MS = 60_000;

export interface ShellRunOptions {
  /** Working directory; the agent keeps one per lab so files of one cell are there for the next. */
  cwd: string;
  /** The complete environment of the process (see cellEnv); default: this process's. */
  env?: NodeJS.ProcessEnv;
  /** Names the script in bash's own error messages. */
  cellId?: string;
  role?: MessageContext['role'];
  okMessage?: string;
  failMessage?: string;
  /** Default 60 s; 0 means no limit (background cells). */
  timeoutMs?: number;
  maxOutputBytes?: number;
  /** Aborting kills the whole process group; the result's status is 'cancelled'. */
  signal?: AbortSignal;
  onOutput?: OutputListener;
  /** While paused, the pipes are not read (the reader is behind); the cap and timeout still apply. */
  outputGate?: OutputGate;
  /** Called once with the pid (= process group id) after a successful spawn. */
  onStart?: (pid: number) => void;
  killGraceMs?: number;
  /** Run in a pseudo-terminal (the cell's `tty` flag, see pty.ts). */
  tty?: boolean;
  /** How often a tty cell is checked for a process waiting for input (default 500 ms). */
  inputCheckMs?: number;
}

/** A started shell process; `stop()` ends it as a background cell that did its job. */
export interface ShellProcess {
  readonly pid: number | undefined;
  readonly result: Promise<RunResult>;
  /** True until the process (and its group) has ended. */
  readonly running: boolean;
  stop(): Promise<RunResult>;
}

type StopReason = 'timeout' | 'cancel' | 'stop' | 'input';

/**
 * Spawns a shell cell as the leader of its own process group (`detached`), inside its own
 * containment (a cgroup, or a per-run marker: see containment.ts), and owns its whole life:
 * output capping, timeout, cancellation, and killing whatever it left behind. When bash itself
 * exits, everything else it started (a forgotten `sleep &`, a `setsid` daemon, a port-forward)
 * is terminated too: a run cell never leaves orphans; long-lived processes belong in background cells.
 */
export function startShell(source: string, options: ShellRunOptions): ShellProcess {
  const startedAt = performance.now();
  const grace = options.killGraceMs ?? KILL_GRACE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const output = new OutputCollector(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES, options.onOutput);
  const context: MessageContext = { ...options, timeoutMs };

  let reason: StopReason | undefined;
  let timer: NodeJS.Timeout | undefined;
  let inputTimer: NodeJS.Timeout | undefined;
  let waiting: InputWait | undefined;
  let running = true;
  let child: ChildProcess | undefined;
  const containment = new Containment();
  let unsubscribe: (() => void) | undefined;
  let settle!: (result: RunResult) => void;
  const result = new Promise<RunResult>((resolve) => (settle = resolve));

  const finish = (ending: ProcessEnding): void => {
    if (!running) return;
    running = false;
    clearTimeout(timer);
    clearInterval(inputTimer);
    options.signal?.removeEventListener('abort', onAbort);
    unsubscribe?.();
    containment.release();
    untrackRun(containment);
    const status = statusOf(ending);
    settle({
      status,
      exitCode: ending.exitCode,
      signal: ending.signal,
      durationMs: Math.round(performance.now() - startedAt),
      output: output.text,
      truncated: output.truncated,
      message: messageOf(status, ending, context),
    });
  };

  const requestStop = (why: StopReason): void => {
    if (!running || reason || child?.pid === undefined) return;
    reason = why;
    void containment.terminate(grace);
  };
  const onAbort = (): void => requestStop('cancel');

  if (Buffer.byteLength(source, 'utf8') > MAX_SOURCE_BYTES) {
    finish(spawnFailure(new Error(`셀 내용이 너무 깁니다 (${MAX_SOURCE_BYTES}바이트 초과). 스크립트 파일로 나누세요`)));
    return handle();
  }
  if (options.signal?.aborted) {
    finish({ exitCode: null, signal: null, timedOut: false, cancelled: true });
    return handle();
  }

  try {
    const env = { ...(options.env ?? process.env), ...containment.env };
    const { command, args } = options.tty
      ? containment.wrap(SCRIPT, ttyArgs(source, options.cellId ?? 'cell'))
      : containment.wrap(BASH, bashArgs(source, options.cellId));
    child = spawn(command, args, {
      cwd: options.cwd,
      env: options.tty ? ttyEnv(env) : env,
      detached: true,
      // A tty cell's terminal input is a pipe nobody writes to (see pty.ts); other cells read /dev/null.
      stdio: [options.tty ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    finish(spawnFailure(error as Error));
    return handle();
  }
  const proc = child;
  proc.on('error', (error) => {
    // Only a failed spawn leaves no pid; later errors (a failed kill) do not end the run.
    if (proc.pid === undefined) finish(spawnFailure(error));
  });
  if (proc.pid === undefined) return handle();
  const pgid = proc.pid;
  containment.started(pgid);
  trackRun(containment);
  options.onStart?.(pgid);

  // Reading continues after the cap (the collector discards), so a flooding child never blocks.
  if (options.tty) {
    const plain = fromTerminalBytes();
    proc.stdout!.on('data', (chunk: Buffer) => output.push('stdout', plain(chunk)));
    // Seen twice in a row: a read that is still blocked half a second later is waiting for a person.
    let seen: number | undefined;
    inputTimer = setInterval(() => {
      const wait = waitingForInput(containment.members());
      if (wait && wait.pid === seen) {
        waiting = wait;
        output.notice(`\n[입력을 기다리고 있습니다: ${wait.command} (PID ${wait.pid}). 셀에는 입력할 수 없어 중지합니다.]\n`);
        requestStop('input');
      }
      seen = wait?.pid;
    }, options.inputCheckMs ?? 500);
    inputTimer.unref();
  } else {
    proc.stdout!.on('data', (chunk: Buffer) => output.push('stdout', chunk));
  }
  proc.stderr!.on('data', (chunk: Buffer) => output.push('stderr', chunk));
  const gate = options.outputGate;
  if (gate) {
    const apply = (paused: boolean): void => {
      for (const stream of [proc.stdout!, proc.stderr!]) {
        // Once capped nothing more is sent, so there is nothing to hold back: keep draining.
        if (paused && !output.truncated) stream.pause();
        else stream.resume();
      }
    };
    unsubscribe = gate.subscribe(apply);
    if (gate.paused) apply(true);
  }

  if (timeoutMs > 0 && Number.isFinite(timeoutMs)) timer = setTimeout(() => requestStop('timeout'), timeoutMs);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  proc.on('exit', (exitCode, signal) => {
    const ending: ProcessEnding = {
      exitCode,
      signal,
      timedOut: reason === 'timeout',
      cancelled: reason === 'cancel',
      stopped: reason === 'stop',
      waitingInput: reason === 'input' ? waiting?.command : undefined,
    };
    // Stragglers keep the pipes open, so 'close' would wait for them: end them first.
    const leftovers = containment.alive();
    if (leftovers && !reason) {
      output.notice('\n[셀이 끝난 뒤에도 남은 프로세스를 중지했습니다. 계속 실행되어야 하는 명령은 background 셀로 만드세요.]\n');
    }
    // Paused pipes would never reach 'close'; the run is over, so read them out (the cap still applies).
    proc.stdout!.resume();
    proc.stderr!.resume();
    unsubscribe?.();
    const cleared = leftovers ? containment.terminate(grace) : Promise.resolve();
    const pipesClosed = new Promise<void>((resolve) => {
      let open = 2;
      const closed = (): void => {
        open -= 1;
        if (open === 0) resolve();
      };
      for (const stream of [proc.stdout!, proc.stderr!]) {
        if (stream.readableEnded || stream.destroyed) closed();
        else stream.once('close', closed);
      }
    });
    // A process that escaped the marker fallback could hold a pipe forever: bound the wait.
    const bound = new Promise<void>((resolve) => setTimeout(resolve, grace + 1000).unref());
    void cleared
      .then(() => Promise.race([pipesClosed, bound]))
      .then(() => {
        proc.stdout!.destroy();
        proc.stderr!.destroy();
        finish(ending);
      });
  });

  return handle();

  function handle(): ShellProcess {
    return {
      get pid() {
        return child?.pid;
      },
      get running() {
        return running;
      },
      result,
      stop() {
        requestStop('stop');
        return result;
      },
    };
  }
}

function spawnFailure(error: Error): ProcessEnding {
  return { exitCode: null, signal: null, timedOut: false, cancelled: false, spawnError: error };
}

/** Runs a shell cell to its end (or timeout, or cancellation). */
export function runShell(source: string, options: ShellRunOptions): Promise<RunResult> {
  return startShell(source, options).result;
}
