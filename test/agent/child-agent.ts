/**
 * The agent as the reader runs it: `tsx scripts/agent.ts` in its own process, over a small course
 * of test cells, with a kubeconfig of our choosing. Used wherever a crash or an exit matters: an
 * agent that dies in-process would take the test runner with it and prove nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../../scripts/free-port';
import { request } from './harness';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** tsx as a loader in the agent's own node process (the tsx CLI would put a relay process in between). */
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export const SITE = 'http://localhost:3000';

/** A kubeconfig with a learning context (kind on loopback; nothing listens there) and a "prod" one. */
export function writeKubeconfig(dir: string, current = 'kind-test'): string {
  const file = path.join(dir, 'kubeconfig.yaml');
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: kind-test',
      '  cluster: {server: "https://127.0.0.1:1", insecure-skip-tls-verify: true}',
      '- name: prod',
      '  cluster: {server: "https://prod.example.invalid:6443", insecure-skip-tls-verify: true}',
      'users:',
      '- name: u',
      '  user: {token: test}',
      'contexts:',
      '- name: kind-test',
      '  context: {cluster: kind-test, user: u, namespace: agent-test}',
      '- name: prod',
      '  context: {cluster: prod, user: u}',
      `current-context: ${current}`,
      '',
    ].join('\n'),
  );
  return file;
}

/** Switches the current context the way `kubectl config use-context` does (the same file, rewritten). */
export function useContext(kubeconfig: string, context: string): void {
  writeFileSync(kubeconfig, readFileSync(kubeconfig, 'utf8').replace(/^current-context: .*$/m, `current-context: ${context}`));
}

export interface ChildAgent {
  proc: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** A session token, traded for the printed one-time code. */
  token: string;
  instance: string;
  code: string;
  kubeconfig: string;
  root: string;
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string | null>;
  running(): boolean;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the agent process over `notebook` (one Markdown file of cells) and pairs with it. */
export async function startChildAgent(notebook: string, options: { args?: string[]; env?: NodeJS.ProcessEnv; pair?: boolean } = {}): Promise<ChildAgent> {
  const root = mkdtempSync(path.join(tmpdir(), 'agent-child-'));
  writeFileSync(path.join(root, 'package.json'), JSON.stringify({ name: 'agent-child', version: 'test', private: true }));
  mkdirSync(path.join(root, 'notebooks', 'test'), { recursive: true });
  writeFileSync(path.join(root, 'notebooks', 'test', 'agent.md'), notebook);
  const kubeconfig = writeKubeconfig(root);
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', TSX_LOADER, path.join(ROOT, 'scripts', 'agent.ts'), '--port', String(port), ...(options.args ?? [])], {
    cwd: root,
    env: { ...process.env, KUBECONFIG: kubeconfig, XDG_CACHE_HOME: path.join(root, 'cache'), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  let ended = false;
  const exited = new Promise<number | string | null>((resolve) =>
    proc.on('exit', (code, signal) => {
      ended = true;
      resolve(code ?? signal);
    }),
  );
  const link = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the agent printed no link in 30 s:\n${out}`)), 30_000);
    const look = (): void => {
      const line = out.split('\n').find((l) => l.startsWith(`${SITE}/docs/connect-cluster#`));
      if (line) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    };
    proc.stdout!.on('data', look);
    void exited.then(() => reject(new Error(`the agent exited before printing a link:\n${out}`)));
  });
  const params = new URLSearchParams(link.slice(link.indexOf('#') + 1));
  const code = params.get('code') ?? params.get('token') ?? '';
  const instance = params.get('instance') ?? '';
  let token = code;
  if (options.pair !== false && params.get('code')) {
    const res = await request(port, { method: 'POST', path: '/v1/pair', headers: { 'Content-Type': 'application/json', Origin: SITE }, body: JSON.stringify({ code }) });
    token = (JSON.parse(res.body) as { token: string }).token;
  }
  return {
    proc,
    pid: proc.pid!,
    port,
    base: `http://127.0.0.1:${port}`,
    token,
    instance,
    code,
    kubeconfig,
    root,
    output: () => out,
    exited,
    running: () => !ended,
    stop: async (signal = 'SIGTERM') => {
      if (!ended) proc.kill(signal);
      await exited;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** VmRSS of a process in KiB. */
export function rssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}
