import { spawn, type ChildProcess } from 'node:child_process';
import { trackGroup, untrackGroup } from './active';
import { DEFAULT_MAX_OUTPUT_BYTES, OutputCollector } from './output-cap';
import { groupExists, KILL_GRACE_MS, terminateGroup } from './process-group';
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
  /** Called once with the pid (= process group id) after a successful spawn. */
  onStart?: (pid: number) => void;
  killGraceMs?: number;
}

/** A started shell process; `stop()` ends it as a background cell that did its job. */
export interface ShellProcess {
  readonly pid: number | undefined;
  readonly result: Promise<RunResult>;
  /** True until the process (and its group) has ended. */
  readonly running: boolean;
  stop(): Promise<RunResult>;
}

type StopReason = 'timeout' | 'cancel' | 'stop';

/**
 * Spawns a shell cell as the leader of its own process group (`detached`) and owns its whole
 * life: output capping, timeout, cancellation, and killing whatever it left behind. When bash
 * itself exits, the rest of its group (a forgotten `sleep &`, a port-forward) is terminated too:
 * a run cell never leaves orphans; long-lived processes belong in background cells.
 */
export function startShell(source: string, options: ShellRunOptions): ShellProcess {
  const startedAt = performance.now();
  const grace = options.killGraceMs ?? KILL_GRACE_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const output = new OutputCollector(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES, options.onOutput);
  const context: MessageContext = { ...options, timeoutMs };

  let reason: StopReason | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = true;
  let child: ChildProcess | undefined;
  let settle!: (result: RunResult) => void;
  const result = new Promise<RunResult>((resolve) => (settle = resolve));

  const finish = (ending: ProcessEnding): void => {
    if (!running) return;
    running = false;
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    if (child?.pid !== undefined) untrackGroup(child.pid);
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
    void terminateGroup(child.pid, grace);
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
    child = spawn(BASH, bashArgs(source, options.cellId), {
      cwd: options.cwd,
      env: options.env ?? process.env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
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
  trackGroup(pgid);
  options.onStart?.(pgid);

  // Reading continues after the cap (the collector discards), so a flooding child never blocks.
  proc.stdout!.on('data', (chunk: Buffer) => output.push('stdout', chunk));
  proc.stderr!.on('data', (chunk: Buffer) => output.push('stderr', chunk));

  if (timeoutMs > 0 && Number.isFinite(timeoutMs)) timer = setTimeout(() => requestStop('timeout'), timeoutMs);
  options.signal?.addEventListener('abort', onAbort, { once: true });

  proc.on('exit', (exitCode, signal) => {
    const ending: ProcessEnding = {
      exitCode,
      signal,
      timedOut: reason === 'timeout',
      cancelled: reason === 'cancel',
      stopped: reason === 'stop',
    };
    // Stragglers keep the pipes open, so 'close' would wait for them: end them first.
    const leftovers = groupExists(pgid);
    if (leftovers && !reason) {
      output.notice('\n[셀이 끝난 뒤에도 남은 프로세스를 중지했습니다. 계속 실행되어야 하는 명령은 background 셀로 만드세요.]\n');
    }
    const cleared = leftovers ? terminateGroup(pgid, grace) : Promise.resolve();
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
    // A grandchild that escaped the group (setsid) could hold a pipe forever: bound the wait.
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
