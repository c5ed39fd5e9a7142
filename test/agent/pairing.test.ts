/**
 * The pairing is bound to one agent instance: the printed link holds a one-time code (not a
 * credential), the session it buys dies with the agent, and the page sends its token only to an
 * agent that proves it holds it. Page side: the real client.ts and pairing.ts, in Node.
 */
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { AgentClient } from '../../src/components/agent/client';
import { loadPairing, pairingFromHash, savePairing } from '../../src/components/agent/pairing';
import { startChildAgent, SITE, type ChildAgent } from './child-agent';
import { request } from './harness';

const NOTEBOOK = '```bash run id=pr-echo\necho hi\n```\n';

class MemoryStorage implements Storage {
  private readonly map = new Map<string, string>();
  get length(): number {
    return this.map.size;
  }
  clear(): void {
    this.map.clear();
  }
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  key(index: number): string | null {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
}

const linkOf = (agent: ChildAgent): string => agent.output().split('\n').find((l) => l.startsWith(`${SITE}/docs/connect-cluster#`))!.trim();
const pair = (agent: ChildAgent, secret: string) =>
  request(agent.port, { method: 'POST', path: '/v1/pair', headers: { 'Content-Type': 'application/json', Origin: SITE }, body: JSON.stringify({ code: secret }) });
const health = (agent: ChildAgent, token: string) => request(agent.port, { headers: { Authorization: `Bearer ${token}`, Origin: SITE } });

describe('pairing', () => {
  let agents: ChildAgent[] = [];
  afterEach(async () => {
    for (const agent of agents) await agent.stop();
    agents = [];
  });

  it('the printed link is no credential and buys one session only', async () => {
    const agent = await startChildAgent(NOTEBOOK, { pair: false });
    agents.push(agent);
    const params = new URLSearchParams(linkOf(agent).split('#')[1]);
    const secret = params.get('code') ?? params.get('token')!;
    // Whatever the link holds does not open the agent by itself (terminal scrollback, history)...
    expect((await health(agent, secret)).status).toBe(401);
    // ...it is traded once for a session of this instance, and never again.
    const first = await pair(agent, secret);
    expect(first.status).toBe(200);
    const session = JSON.parse(first.body) as { token: string; instance: string };
    expect(session.instance).toBe(params.get('instance'));
    expect((await health(agent, session.token)).status).toBe(200);
    expect(JSON.parse((await health(agent, session.token)).body).instance).toBe(session.instance);
    expect((await pair(agent, secret)).status).toBe(401);
  });

  it('the page trades the code, keeps only the session, and the session dies with the agent', async () => {
    const agent = await startChildAgent(NOTEBOOK, { pair: false });
    agents.push(agent);
    const storage = new MemoryStorage();
    const fromLink = pairingFromHash(`#${linkOf(agent).split('#')[1]}`);
    expect(fromLink).toBeDefined();
    savePairing(storage, fromLink!);
    const client = new AgentClient(fromLink!, storage);
    const state = await client.health();
    expect(state).toMatchObject({ kind: 'connected', health: { context: 'kind-test' } });
    const stored = loadPairing(storage)!;
    expect(stored.code).toBeUndefined();
    expect(stored.token).not.toBe(fromLink!.token);
    // The same link opened again keeps the session (its code is spent).
    savePairing(storage, fromLink!);
    expect(loadPairing(storage)!.token).toBe(stored.token);
    expect(await new AgentClient(fromLink!, storage).health()).toMatchObject({ kind: 'connected' });

    // A restarted agent (a new instance) does not know the stored session.
    await agent.stop();
    agents = [];
    const again = await startChildAgent(NOTEBOOK, { pair: false, args: [] , env: {} });
    agents.push(again);
    expect((await health(again, stored.token)).status).toBe(401);
  });

  it("re-opening an earlier agent's spent link brings back that agent's session", () => {
    const storage = new MemoryStorage();
    const url = 'http://127.0.0.1:7777';
    savePairing(storage, { agentUrl: url, token: 'A'.repeat(43), instance: 'instance-a-000000000000' });
    savePairing(storage, { agentUrl: 'http://127.0.0.1:7800', token: 'B'.repeat(43), instance: 'instance-b-000000000000' });
    savePairing(storage, { agentUrl: url, token: 'c'.repeat(43), instance: 'instance-a-000000000000', code: true });
    expect(loadPairing(storage)).toEqual({ agentUrl: url, token: 'A'.repeat(43), instance: 'instance-a-000000000000' });
  });

  it('the page does not send its token to a program on the port that cannot prove it holds the session', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const imposter = http.createServer((req, res) => {
      seen.push(req.headers);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(req.url?.startsWith('/v1/hello') ? { instance: 'stolen-instance-id-0000', proof: 'x' } : { version: 'evil', context: 'kind-x', allowed: true }));
    });
    await new Promise<void>((resolve) => imposter.listen(0, '127.0.0.1', resolve));
    const port = (imposter.address() as { port: number }).port;
    try {
      const storage = new MemoryStorage();
      const pairing = { agentUrl: `http://127.0.0.1:${port}`, token: 'a'.repeat(43), instance: 'stolen-instance-id-0000' };
      savePairing(storage, pairing);
      const state = await new AgentClient(pairing, storage).health();
      expect(state.kind).toBe('unauthorized');
      expect(seen.some((headers) => headers.authorization !== undefined)).toBe(false);
    } finally {
      imposter.close();
    }
  });
});
