/**
 * A reader that stops reading (a frozen tab, a stalled socket) must not make the agent buffer a
 * cell's output without bound: output is coalesced and the cell's pipes are paused while the
 * socket is backed up. Measured on the agent process's resident memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type net from 'node:net';
import { parseCellsFromMarkdown } from '../../src/core';
import { rssKiB, startChildAgent, type ChildAgent } from './child-agent';
import type { CellExecutor, CellRun, RunEvents } from '../../src/agent/executor';
import type { RunOutcome } from '../../src/agent/protocol';
import { connect, exchange, registryFrom, startAgent, ticket, type Harness } from './harness';

// A million one-byte writes (bash's printf builtin writes at once): each pipe read used to become one message.
const NOTEBOOK = '```bash run id=bp-flood timeout=60\nfor i in $(seq 1 1000000); do printf x; done\n```\n';
const hash = parseCellsFromMarkdown(NOTEBOOK, 'n.md').cells[0]!.hash;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a stalled reader', () => {
  let agent: ChildAgent;
  beforeAll(async () => {
    agent = await startChildAgent(NOTEBOOK);
  });
  afterAll(() => agent?.stop());

  it('does not grow the agent by more than 40 MB while four floods run', async () => {
    const h = { port: agent.port, token: agent.token } as Harness;
    const ws = await connect(h, await ticket(h));
    const before = rssKiB(agent.pid);
    for (let i = 0; i < 4; i += 1) ws.send(JSON.stringify({ type: 'run', requestId: `f${i}`, id: 'bp-flood', hash }));
    // Stop reading: the agent's sends now pile up behind a full TCP window.
    await settle(100);
    (ws as unknown as { _socket: net.Socket })._socket.pause();
    let peak = before;
    for (let i = 0; i < 80; i += 1) {
      await settle(150);
      peak = Math.max(peak, rssKiB(agent.pid));
    }
    const grownMiB = (peak - before) / 1024;
    console.log(`[backpressure] agent RSS ${Math.round(before / 1024)} MiB -> peak ${Math.round(peak / 1024)} MiB (+${grownMiB.toFixed(1)} MiB)`);
    ws.terminate();
    expect(agent.running()).toBe(true);
    expect(grownMiB).toBeLessThan(40);
  }, 90_000);
});

/** An executor whose one run writes as fast as it is let, and records whether it was held back. */
class FloodExecutor implements CellExecutor {
  paused = false;
  pauses = 0;
  emitted = 0;
  constructor(private readonly chunk: string, private readonly limitBytes: number) {}
  start(_e: unknown, _s: unknown, _a: unknown, events: RunEvents): CellRun {
    let finish!: (o: RunOutcome) => void;
    const result = new Promise<RunOutcome>((resolve) => (finish = resolve));
    const pump = (): void => {
      for (let i = 0; i < 64 && !this.paused && this.emitted < this.limitBytes; i += 1) {
        events.onOutput('stdout', this.chunk);
        this.emitted += this.chunk.length;
      }
      if (this.emitted >= this.limitBytes) return finish({ status: 'passed', exitCode: 0, durationMs: 0 });
      setImmediate(pump);
    };
    setImmediate(pump);
    return {
      result,
      cancel: () => finish({ status: 'cancelled', exitCode: null, durationMs: 0 }),
      pause: () => {
        this.paused = true;
        this.pauses += 1;
      },
      resume: () => {
        this.paused = false;
      },
    };
  }
}

describe('output to the page', () => {
  it('is coalesced: 20,000 one-byte writes arrive in a few messages', async () => {
    const flood = new FloodExecutor('x', 20_000);
    const h = await startAgent(flood, {}, registryFrom('```bash run id=bp-one\ntrue\n```\n'));
    try {
      const ws = await connect(h, await ticket(h));
      const hashOne = parseCellsFromMarkdown('```bash run id=bp-one\ntrue\n```\n', 'n.md').cells[0]!.hash;
      const replies = await exchange(ws, [{ type: 'run', requestId: 'c', id: 'bp-one', hash: hashOne }], (r) => r.some((m) => m.type === 'done'), 10_000);
      ws.close();
      const outputs = replies.filter((m) => m.type === 'output');
      expect(outputs.map((m) => (m as { data: string }).data).join('')).toHaveLength(20_000);
      expect(outputs.length).toBeLessThan(100);
    } finally {
      await h.close();
    }
  });

  it("pauses the run while the page's socket is backed up, so the agent does not buffer 200 MB", async () => {
    const flood = new FloodExecutor('y'.repeat(16 * 1024), 200 * 1024 * 1024);
    const h = await startAgent(flood, {}, registryFrom('```bash run id=bp-one\ntrue\n```\n'));
    try {
      const ws = await connect(h, await ticket(h));
      (ws as unknown as { _socket: net.Socket })._socket.pause();
      const hashOne = parseCellsFromMarkdown('```bash run id=bp-one\ntrue\n```\n', 'n.md').cells[0]!.hash;
      ws.send(JSON.stringify({ type: 'run', requestId: 'p', id: 'bp-one', hash: hashOne }));
      await settle(3_000);
      ws.terminate();
      expect(flood.pauses).toBeGreaterThan(0);
      expect(flood.emitted).toBeLessThan(32 * 1024 * 1024);
    } finally {
      await h.close();
    }
  });
});
