/** Helpers the integration tests share: run a command to completion, and poll until something holds. */
import { spawn } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command with `input` on stdin; never throws on a non-zero exit (look at `code`). */
export function runCommand(cmd: string, args: string[], env: NodeJS.ProcessEnv, input = '', timeoutMs = 120_000): Promise<CommandResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** The stdout of a command that must succeed; otherwise an error with its output. */
export function stdoutOf(what: string, r: CommandResult): string {
  if (r.code !== 0) throw new Error(`${what} failed (${r.code}):\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs` with the last error. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await sleep(everyMs);
  }
}
