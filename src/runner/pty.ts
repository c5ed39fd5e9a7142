/**
 * Shell cells that need a terminal (`bash run tty`: `kubectl get -w`, colours, `test -t 1`) run in a
 * pseudo-terminal made by util-linux's `script` (no native module): `script -q -e -c CMD /dev/null`
 * allocates the pty, runs CMD on it as the session leader, copies its output to our pipe and exits
 * with CMD's status. It is spawned inside the run's containment like bash, so the cgroup or marker
 * covers everything on the pty too.
 *
 * Our side of the terminal's input is a pipe we never write to: a program that waits for a key
 * would wait forever, so `waitingForInput` looks for a process blocked reading the terminal and
 * the runner ends the cell saying so, instead of letting it hang until the timeout.
 */
import { readFileSync, readlinkSync } from 'node:fs';
import { bashArgs } from './shell-args';

export const SCRIPT = 'script';

/** POSIX single quoting: the only character that needs care inside '...' is ' itself. */
export const shellQuote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * `script`'s command line for a tty cell. The terminal gets 200 columns (kubectl tables are not
 * wrapped at script's 80) and `script` runs CMD with /bin/sh (SHELL below), whatever the reader's shell.
 */
export function ttyArgs(source: string, cellId: string): string[] {
  const bash = ['bash', ...bashArgs(source, cellId)].map(shellQuote).join(' ');
  return ['-q', '-e', '-c', `stty cols 200 rows 50 2>/dev/null; exec ${bash}`, '/dev/null'];
}

/** What script's child needs: a POSIX shell for -c, and a terminal type that has colours. */
export function ttyEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const term = env.TERM && env.TERM !== 'dumb' ? env.TERM : 'xterm-256color';
  return { ...env, SHELL: '/bin/sh', TERM: term };
}

/**
 * A pty turns every "\n" into "\r\n"; the page and the output comparison want plain lines. Works on
 * bytes, chunk by chunk: a "\r" at the end of a chunk waits for the next one's first byte.
 */
export function fromTerminalBytes(): (chunk: Buffer) => Buffer {
  let pendingCR = false;
  return (chunk) => {
    const out: number[] = [];
    if (pendingCR && chunk[0] !== 0x0a) out.push(0x0d);
    pendingCR = false;
    for (let i = 0; i < chunk.length; i += 1) {
      const byte = chunk[i]!;
      if (byte === 0x0d && i === chunk.length - 1) pendingCR = true;
      else if (!(byte === 0x0d && chunk[i + 1] === 0x0a)) out.push(byte);
    }
    return Buffer.from(out);
  };
}

/**
 * read(2)'s number: a process blocked in read whose fd is the terminal waits for a key. (poll and
 * select are left out: their fds are not visible in /proc, and curl waiting for a server polls too.)
 */
const READ_SYSCALL: Record<string, number> = { x64: 0, arm64: 63 };

export interface InputWait {
  pid: number;
  command: string;
}

function readProc(pid: number, file: string): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The first of `pids` that waits for terminal input: sleeping in read(2) on the pseudo-terminal (or
 * /dev/tty), in the terminal's foreground process group (a background job reading the terminal
 * would be stopped, not waiting). Linux only; elsewhere nothing is detected.
 */
export function waitingForInput(pids: readonly number[], arch: string = process.arch): InputWait | undefined {
  const read = READ_SYSCALL[arch];
  if (read === undefined) return undefined;
  for (const pid of pids) {
    const stat = readProc(pid, 'stat');
    if (!stat) continue;
    // Fields after "(comm)": state ppid pgrp session tty_nr tpgid ...
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, , pgrp, , , tpgid] = fields;
    if (state !== 'S' || pgrp !== tpgid) continue;
    const [number, fd] = (readProc(pid, 'syscall') ?? '').split(' ');
    if (Number(number) !== read || fd === undefined) continue;
    let file: string;
    try {
      file = readlinkSync(`/proc/${pid}/fd/${Number.parseInt(fd, 16)}`);
    } catch {
      continue;
    }
    if (!file.startsWith('/dev/pts/') && file !== '/dev/tty') continue;
    return { pid, command: (readProc(pid, 'comm') ?? '?').trim() };
  }
  return undefined;
}
