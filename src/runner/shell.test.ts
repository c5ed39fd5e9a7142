import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { activeGroups } from './active';
import { truncationMarker } from './output-cap';
import { runShell, startShell } from './shell';
import type { OutputChunk } from './types';

const cwd = mkdtempSync(path.join(tmpdir(), 'runner-test-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/**
 * Living members of a process group, read with ps (not with the runner's own /proc reader, so
 * the test does not trust the code it checks). Zombies are dead and waiting for init to reap them.
 */
function livingInGroup(pgid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,pgid=,stat='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, group, stat]) => Number(group) === pgid && stat !== undefined && !stat.startsWith('Z'))
    .map(([pid]) => Number(pid));
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(20);
  }
  return check();
}

describe('runShell: a cell is a bash script', () => {
  it('passes on exit 0 and keeps stdout and stderr in order', async () => {
    const chunks: OutputChunk[] = [];
    const result = await runShell('echo one; sleep 0.05; echo two >&2; sleep 0.05; echo three', { cwd, onOutput: (c) => chunks.push(c) });
    expect(result).toMatchObject({ status: 'passed', exitCode: 0, signal: null, output: 'one\ntwo\nthree\n', truncated: false });
    expect(chunks.map((c) => c.stream)).toEqual(['stdout', 'stderr', 'stdout']);
  });

  it('fails at the first failing line (errexit); a pipeline counts by its last command', async () => {
    const errexit = await runShell('echo before; false; echo after', { cwd });
    expect(errexit).toMatchObject({ status: 'failed', exitCode: 1, output: 'before\n' });
    const lastFails = await runShell('true | false', { cwd });
    expect(lastFails.status).toBe('failed');
    // `grep -q` quits at its first match; the writer's SIGPIPE must not fail the check.
    const earlyReader = await runShell('seq 1 200000 | grep -q "^1$"', { cwd });
    expect(earlyReader.status).toBe('passed');
  });

  it('names the cell in bash errors and runs in the given directory with the given env', async () => {
    const result = await runShell('pwd; echo "$GREETING"; no-such-command-xyz', {
      cwd,
      cellId: 'd9-lab-x',
      env: { ...process.env, GREETING: '안녕하세요' },
    });
    expect(result.status).toBe('failed');
    expect(result.exitCode).toBe(127);
    expect(result.output).toContain(`${cwd}\n안녕하세요\n`);
    expect(result.output).toMatch(/d9-lab-x: line 1: no-such-command-xyz: command not found/);
  });

  it('gives the cell no stdin, so a command that reads it ends instead of hanging', async () => {
    const result = await runShell('cat; read -r line || echo "no input"', { cwd, timeoutMs: 5000 });
    expect(result).toMatchObject({ status: 'passed', output: 'no input\n' });
  });

  it('does not read the profile or rc files', async () => {
    const result = await runShell('shopt -q login_shell && echo login || echo plain; [[ $- == *i* ]] && echo interactive || true', { cwd });
    expect(result.output).toBe('plain\n');
  });

  it('reports a missing working directory as a Korean error, not a crash', async () => {
    const result = await runShell('echo hi', { cwd: path.join(cwd, 'missing') });
    expect(result.status).toBe('error');
    expect(result.message).toContain('작업 폴더');
  });

  it('files written by one run are there for the next in the same directory', async () => {
    await runShell('echo data > note.txt', { cwd });
    expect((await runShell('cat note.txt', { cwd })).output).toBe('data\n');
  });
});

describe('runShell: limits', () => {
  it('times out, kills the group and says so in Korean', async () => {
    const started = Date.now();
    const result = await runShell('echo start; sleep 30', { cwd, timeoutMs: 300 });
    expect(result.status).toBe('timed-out');
    expect(result.signal).toBe('SIGTERM');
    expect(result.output).toBe('start\n');
    expect(result.message).toContain('제한 시간 0.3초');
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('escalates to SIGKILL when the script ignores SIGTERM', async () => {
    const started = Date.now();
    const result = await runShell("trap '' TERM; while true; do sleep 0.05; done", { cwd, timeoutMs: 200, killGraceMs: 300 });
    expect(result.status).toBe('timed-out');
    expect(result.signal).toBe('SIGKILL');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('caps a flood of output with one visible marker and still lets the child finish', async () => {
    // 20 MB through the pipes: if the runner stopped reading, `head` would block and the cell time out.
    const result = await runShell('head -c 20000000 /dev/zero | tr "\\0" "x"; echo; echo done >&2', { cwd, maxOutputBytes: 64 * 1024, timeoutMs: 20_000 });
    expect(result.status).toBe('passed');
    expect(result.truncated).toBe(true);
    expect(result.output.endsWith(truncationMarker(64 * 1024))).toBe(true);
    expect(result.output.split(truncationMarker(64 * 1024))).toHaveLength(2);
    expect(Buffer.byteLength(result.output)).toBeLessThan(64 * 1024 + 1000);
  });

  it('uses the 1 MiB default cap', async () => {
    const result = await runShell('yes 0123456789abcdef | head -c 3000000', { cwd });
    expect(result.truncated).toBe(true);
    expect(result.output).toContain(truncationMarker(1024 * 1024));
  });
});

describe('cancel and orphans', () => {
  it('cancel kills the whole group, grandchildren included, within 2 s', async () => {
    const controller = new AbortController();
    let pgid = 0;
    const run = startShell('sleep 300 & sleep 300; wait', { cwd, signal: controller.signal, onStart: (pid) => (pgid = pid) });
    expect(await until(() => pgid > 0 && livingInGroup(pgid).length >= 3, 2000)).toBe(true);
    const members = livingInGroup(pgid);
    const cancelledAt = Date.now();
    controller.abort();
    const result = await run.result;
    expect(result.status).toBe('cancelled');
    expect(result.message).toContain('취소');
    expect(await until(() => members.every((pid) => !alive(pid)) && livingInGroup(pgid).length === 0, 2000)).toBe(true);
    expect(Date.now() - cancelledAt).toBeLessThan(2000);
    expect(activeGroups()).not.toContain(pgid);
  });

  it('an already aborted signal does not start anything', async () => {
    const controller = new AbortController();
    controller.abort();
    let started = false;
    const result = await runShell('touch should-not-exist', { cwd, signal: controller.signal, onStart: () => (started = true) });
    expect(result.status).toBe('cancelled');
    expect(started).toBe(false);
  });

  it('kills what a finished cell left running, and tells the author to use a background cell', async () => {
    let pgid = 0;
    const started = Date.now();
    const result = await runShell('sleep 300 & echo started', { cwd, onStart: (pid) => (pgid = pid) });
    expect(result.status).toBe('passed');
    expect(result.output).toContain('background 셀');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await until(() => livingInGroup(pgid).length === 0, 2000)).toBe(true);
  });
});

describe('background: runs until stopped', () => {
  it('streams while running and stop() ends the group as passed', async () => {
    const chunks: string[] = [];
    const proc = startShell('for i in $(seq 1 1000); do echo "tick $i"; sleep 0.05; done', {
      cwd,
      timeoutMs: 0,
      role: 'background',
      onOutput: (c) => chunks.push(c.text),
    });
    expect(await until(() => chunks.join('').includes('tick 3'), 3000)).toBe(true);
    expect(proc.running).toBe(true);
    const pgid = proc.pid!;
    const result = await proc.stop();
    expect(result.status).toBe('passed');
    expect(result.message).toContain('백그라운드');
    expect(proc.running).toBe(false);
    expect(livingInGroup(pgid)).toEqual([]);
  });

  it('a background cell that dies by itself reports its failure', async () => {
    const proc = startShell('echo "port in use" >&2; exit 3', { cwd, timeoutMs: 0, role: 'background' });
    const result = await proc.result;
    expect(result).toMatchObject({ status: 'failed', exitCode: 3 });
    expect(await proc.stop()).toBe(result);
  });
});
