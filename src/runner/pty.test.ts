/**
 * Shell cells in a pseudo-terminal (`tty`): a terminal is there, output has plain newlines, input a
 * command waits for ends the cell with a Korean message, and the pty's processes stay contained.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown, type ShellCell } from '../core';
import { runCell } from './cell';
import { fromTerminalBytes, shellQuote } from './pty';
import { runShell } from './shell';

const cwd = mkdtempSync(path.join(tmpdir(), 'pty-test-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const alive = (pid: number): boolean => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('tty cells', () => {
  it('the tty flag is parsed, and rejected where nothing runs', () => {
    const parsed = parseCellsFromMarkdown('```bash run tty id=t1\nls --color=auto\n```\n\n```bash tty\nls\n```\n', 't.md');
    expect((parsed.cells[0] as ShellCell).tty).toBe(true);
    expect(parsed.problems.map((p) => p.line)).toEqual([5]);
  });

  it('runs with a terminal on stdout, a colour TERM, wide columns and plain newlines; PAGER is cat', async () => {
    const result = await runShell('test -t 1 && echo "terminal: yes"; tput cols; echo "TERM=$TERM PAGER=$PAGER"; printf "a\\nb\\n"', {
      cwd,
      tty: true,
      env: { PATH: process.env.PATH, PAGER: 'cat' },
    });
    expect(result.status, result.output).toBe('passed');
    expect(result.output).toBe('terminal: yes\n200\nTERM=xterm-256color PAGER=cat\na\nb\n');
  });

  it('without tty the same cell has no terminal', async () => {
    const result = await runShell('test -t 1 && echo yes || echo no', { cwd });
    expect(result.output).toBe('no\n');
  });

  it('keeps the exit status of the cell, and bash -e still stops at a failing line', async () => {
    const result = await runShell('echo one; false; echo never', { cwd, tty: true });
    expect(result).toMatchObject({ status: 'failed', exitCode: 1, output: 'one\n' });
  });

  it('a command waiting for input is reported in Korean and stopped long before the timeout', async () => {
    const started = performance.now();
    const result = await runShell('echo "이름을 입력하세요:"; read name; echo "안녕 $name"', { cwd, tty: true, timeoutMs: 30_000, inputCheckMs: 100 });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/^셀이 입력을 기다리고 있습니다 \(bash\)\. 페이지와 노트북의 셀에는 입력할 수 없어 중지했습니다/);
    expect(result.output).toContain('이름을 입력하세요:\n');
    expect(result.output).toMatch(/\[입력을 기다리고 있습니다: bash \(PID \d+\)/);
    expect(result.output).not.toContain('안녕');
  });

  it('a sleeping or working command is not mistaken for one waiting for input', async () => {
    const result = await runShell('sleep 1.2; echo done', { cwd, tty: true, inputCheckMs: 100 });
    expect(result).toMatchObject({ status: 'passed', output: 'done\n' });
  });

  it("containment covers the pty's processes: what a tty cell leaves behind dies with it", async () => {
    // Both escape the terminal's hangup: one ignores SIGHUP, one is in a session of its own.
    const files = ['nohup', 'setsid'].map((name) => path.join(cwd, name));
    const source = `(trap '' HUP; exec sleep 300) & echo $! > ${shellQuote(files[0]!)}; setsid sleep 300 & echo $! > ${shellQuote(files[1]!)}; sleep 0.3; echo started`;
    const result = await runShell(source, { cwd, tty: true });
    expect(result.status).toBe('passed');
    for (const file of files) {
      const pid = Number(readFileSync(file, 'utf8'));
      expect(pid).toBeGreaterThan(0);
      expect(alive(pid), file).toBe(false);
    }
  });

  it('runCell runs a tty cell from the page in the terminal', async () => {
    const cell = parseCellsFromMarkdown('```bash run tty id=t2\ntest -t 0 && echo stdin-terminal\n```\n', 't.md').cells[0] as ShellCell;
    const result = await runCell(cell, { cwd });
    expect(result.output).toBe('stdin-terminal\n');
  });
});

describe('fromTerminalBytes', () => {
  it('turns CRLF into LF across chunk boundaries and keeps a lone CR', () => {
    const plain = fromTerminalBytes();
    const out = [plain(Buffer.from('a\r')), plain(Buffer.from('\nb\r')), plain(Buffer.from('x\r\n'))].map((b) => b.toString()).join('');
    expect(out).toBe('a\nb\rx\n');
  });
});
