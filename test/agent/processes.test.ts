import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../../src/core';
import { createRunnerExecutor } from '../../src/agent/runner-executor';
import type { ServerMessage } from '../../src/agent/protocol';
import { connect, exchange, registryFrom, startAgent, ticket, type Harness } from './harness';

const NOTEBOOK = `
\`\`\`bash run id=ap-family
bash -c 'sleep 301 & sleep 302 & wait' &
sleep 303
\`\`\`

\`\`\`bash run id=ap-flood
yes 'ㅋㅋㅋㅋㅋㅋㅋㅋㅋㅋ flood' | head -c 5000000
\`\`\`

\`\`\`bash run id=ap-hang timeout=1
sleep 304
\`\`\`
`;

const hashes = new Map(parseCellsFromMarkdown(NOTEBOOK, 'n.md').cells.map((c) => [c.id, c.hash]));
const sleepers = (): string => {
  try {
    return execFileSync('pgrep', ['-f', '^sleep 30[1-4]$'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const isDone = (r: ServerMessage[]) => r.some((m) => m.type === 'done' || m.type === 'error');

/** Real processes through the agent: the guarantees the security design makes about them. */
describe('agent process control', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startAgent(createRunnerExecutor({ courseRoot: process.cwd(), workRoot: mkdtempSync(path.join(tmpdir(), 'agent-proc-')) }), {}, registryFrom(NOTEBOOK));
  });
  afterAll(() => h.close());

  it('cancel kills the whole process group, grandchildren included, within 2 s', async () => {
    const ws = await connect(h, await ticket(h));
    await exchange(ws, [{ type: 'run', requestId: 'fam', id: 'ap-family', hash: hashes.get('ap-family') }], (r) => r.some((m) => m.type === 'accepted'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sleepers().split('\n').filter(Boolean).length).toBe(3);
    const started = Date.now();
    const replies = await exchange(ws, [{ type: 'cancel', requestId: 'fam' }], isDone, 5_000);
    ws.close();
    expect(replies.find((m) => m.type === 'done')).toMatchObject({ outcome: { status: 'cancelled' } });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sleepers()).toBe('');
  });

  it('closing the tab kills a running cell too', async () => {
    const ws = await connect(h, await ticket(h));
    await exchange(ws, [{ type: 'run', requestId: 'fam2', id: 'ap-family', hash: hashes.get('ap-family') }], (r) => r.some((m) => m.type === 'accepted'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    ws.terminate();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(sleepers()).toBe('');
  });

  it('caps an output flood and says so', async () => {
    const ws = await connect(h, await ticket(h));
    const replies = await exchange(ws, [{ type: 'run', requestId: 'flood', id: 'ap-flood', hash: hashes.get('ap-flood') }], isDone, 20_000);
    ws.close();
    const streamed = replies.filter((m) => m.type === 'output').reduce((n, m) => n + Buffer.byteLength((m as { data: string }).data), 0);
    expect(streamed).toBeLessThan(1.2 * 1024 * 1024);
    expect(replies.find((m) => m.type === 'done')).toMatchObject({ outcome: { truncated: true } });
  });

  it('times out a hanging cell and leaves nothing behind', async () => {
    const ws = await connect(h, await ticket(h));
    const replies = await exchange(ws, [{ type: 'run', requestId: 'hang', id: 'ap-hang', hash: hashes.get('ap-hang') }], isDone, 10_000);
    ws.close();
    expect(replies.find((m) => m.type === 'done')).toMatchObject({ outcome: { status: 'timed-out' } });
    expect(sleepers()).toBe('');
  });
});
