/**
 * No cell may outlive its cancel, its timeout, its own end or the agent: not even one that leaves
 * its process group (`setsid`, `set -m` jobs, `setsid -f`). Real processes, found afterwards by
 * their command lines (sleep durations unique to this test run).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../../src/core';
import { createRunnerExecutor } from '../../src/agent/runner-executor';
import type { ServerMessage } from '../../src/agent/protocol';
import { Containment } from '../../src/runner';
import { startChildAgent } from './child-agent';
import { connect, exchange, registryFrom, startAgent, ticket, type Harness } from './harness';

/** A base unique to this run, so other checkouts running the same suite never match. */
const BASE = 20_000 + Math.floor(Math.random() * 700) * 100;
const n = (i: number): number => BASE + i;

const escapers = (first: number): string => `setsid sleep ${n(first)} &
set -m
sleep ${n(first + 1)} &
set +m
setsid -f sleep ${n(first + 2)}
(setsid bash -c 'sleep ${n(first + 3)} & wait' &)`;

const NOTEBOOK = `
\`\`\`bash run id=esc-cancel
${escapers(0)}
sleep ${n(4)}
\`\`\`

\`\`\`bash run id=esc-timeout timeout=1
${escapers(10)}
sleep ${n(14)}
\`\`\`

\`\`\`bash run id=esc-end
${escapers(20)}
echo done
\`\`\`

\`\`\`bash background id=esc-background
${escapers(30)}
sleep ${n(34)}
\`\`\`
`;

const hashes = new Map(parseCellsFromMarkdown(NOTEBOOK, 'n.md').cells.map((c) => [c.id, c.hash]));

/** Living (non-zombie) sleeps of this test run. */
function survivors(): string[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .map((line) => /^(\S+)\s+sleep (\d+)$/.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null && !m[1]!.startsWith('Z') && Number(m[2]) >= BASE && Number(m[2]) < BASE + 100)
    .map((m) => m[0]);
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isDone = (r: ServerMessage[]) => r.some((m) => m.type === 'done' || m.type === 'error');

async function waitFor(check: () => boolean, ms: number): Promise<void> {
  const started = Date.now();
  while (!check() && Date.now() - started < ms) await settle(50);
}

describe.each(['cgroup', 'marker'] as const)('cells cannot escape (%s containment)', (mode) => {
  let h: Harness;
  const saved = process.env.K8S_COURSE_CONTAINMENT;
  beforeAll(async () => {
    if (mode === 'marker') process.env.K8S_COURSE_CONTAINMENT = 'marker';
    else delete process.env.K8S_COURSE_CONTAINMENT;
    h = await startAgent(createRunnerExecutor({ courseRoot: process.cwd(), workRoot: mkdtempSync(path.join(tmpdir(), 'agent-esc-')) }), {}, registryFrom(NOTEBOOK));
  });
  afterAll(async () => {
    await h.close();
    if (saved === undefined) delete process.env.K8S_COURSE_CONTAINMENT;
    else process.env.K8S_COURSE_CONTAINMENT = saved;
  });
  afterEach(async () => {
    // One test's leftovers must not fail the next.
    await waitFor(() => survivors().length === 0, 3_000);
  });

  it('uses the containment it says', () => {
    const containment = new Containment();
    const expected = mode === 'marker' || !process.getuid || process.getuid() !== 0 ? 'marker' : 'cgroup';
    expect(containment.mode).toBe(expected);
    containment.release();
  });

  it('cancel kills setsid, set -m and setsid -f descendants', async () => {
    const ws = await connect(h, await ticket(h));
    await exchange(ws, [{ type: 'run', requestId: 'c', id: 'esc-cancel', hash: hashes.get('esc-cancel') }], (r) => r.some((m) => m.type === 'accepted'));
    await waitFor(() => survivors().length >= 5, 3_000);
    expect(survivors().length).toBe(5);
    const replies = await exchange(ws, [{ type: 'cancel', requestId: 'c' }], isDone, 8_000);
    ws.close();
    expect(replies.find((m) => m.type === 'done')).toMatchObject({ outcome: { status: 'cancelled' } });
    await settle(200);
    expect(survivors()).toEqual([]);
  });

  it('a timeout kills them too', async () => {
    const ws = await connect(h, await ticket(h));
    const replies = await exchange(ws, [{ type: 'run', requestId: 't', id: 'esc-timeout', hash: hashes.get('esc-timeout') }], isDone, 10_000);
    ws.close();
    expect(replies.find((m) => m.type === 'done')).toMatchObject({ outcome: { status: 'timed-out' } });
    await settle(200);
    expect(survivors()).toEqual([]);
  });

  it('a cell that ends leaves nothing behind', async () => {
    const ws = await connect(h, await ticket(h));
    const replies = await exchange(ws, [{ type: 'run', requestId: 'e', id: 'esc-end', hash: hashes.get('esc-end') }], isDone, 10_000);
    ws.close();
    expect(replies.find((m) => m.type === 'done')).toMatchObject({ outcome: { status: 'passed' } });
    await settle(200);
    expect(survivors()).toEqual([]);
  });

  it('closing the tab stops a background cell and all it started', async () => {
    const ws = await connect(h, await ticket(h));
    await exchange(ws, [{ type: 'run', requestId: 'b', id: 'esc-background', hash: hashes.get('esc-background') }], (r) => r.some((m) => m.type === 'accepted'));
    await waitFor(() => survivors().length >= 5, 3_000);
    expect(survivors().length).toBe(5);
    ws.terminate();
    await waitFor(() => survivors().length === 0, 5_000);
    expect(survivors()).toEqual([]);
  });
});

describe('the agent process takes every cell with it', () => {
  it.each(['SIGHUP', 'SIGTERM', 'SIGINT'] as const)('on %s', async (signal) => {
    const agent = await startChildAgent(NOTEBOOK);
    try {
      const h = { port: agent.port, token: agent.token } as Harness;
      const ws = await connect(h, await ticket(h));
      await exchange(ws, [{ type: 'run', requestId: 'b', id: 'esc-background', hash: hashes.get('esc-background') }], (r) => r.some((m) => m.type === 'accepted'));
      await waitFor(() => survivors().length >= 5, 5_000);
      expect(survivors().length).toBe(5);
      agent.proc.kill(signal);
      await agent.exited;
      await waitFor(() => survivors().length === 0, 3_000);
      expect(survivors()).toEqual([]);
    } finally {
      await agent.stop('SIGKILL');
    }
  });
});
