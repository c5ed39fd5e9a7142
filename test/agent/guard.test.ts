/**
 * The learning-cluster guard judges the very kubeconfig a run uses, at the moment it starts:
 * no cached health stands in for it, a context switch during a run changes nothing for that run,
 * and a learning-looking name on a non-local address is refused, with the reason in Korean.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../../src/core';
import { startAgent as startRealAgent, type StartedAgent } from '../../src/agent/main';
import { parseAgentArgs } from '../../src/agent/options';
import type { ServerMessage } from '../../src/agent/protocol';
import { createRunnerExecutor } from '../../src/agent/runner-executor';
import { writeKubeconfig, useContext, SITE } from './child-agent';
import { CountingExecutor, connect, exchange, freePort, request, startAgent, ticket, type Harness } from './harness';

const NOTEBOOK = '```bash run id=gd-context\nsleep 0.6\nkubectl config current-context\n```\n';
const hash = parseCellsFromMarkdown(NOTEBOOK, 'n.md').cells[0]!.hash;
const isDone = (r: ServerMessage[]) => r.some((m) => m.type === 'done' || m.type === 'error');

describe('the run guard', () => {
  let root: string;
  let kubeconfig: string;
  let agent: StartedAgent | undefined;
  const saved = process.env.KUBECONFIG;

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'agent-guard-'));
    writeFileSync(path.join(root, 'package.json'), '{"version":"test"}');
    mkdirSync(path.join(root, 'notebooks'));
    writeFileSync(path.join(root, 'notebooks', 'guard.md'), NOTEBOOK);
    kubeconfig = writeKubeconfig(root);
    process.env.KUBECONFIG = kubeconfig;
  });
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
    if (saved === undefined) delete process.env.KUBECONFIG;
    else process.env.KUBECONFIG = saved;
    rmSync(root, { recursive: true, force: true });
  });

  /** The real startAgent (main.ts), paired the way a page pairs. */
  async function start(executor: (root: string) => ReturnType<typeof createRunnerExecutor>): Promise<Harness> {
    const port = await freePort();
    const log: string[] = [];
    agent = await startRealAgent(['--port', String(port)], root, executor, (line) => log.push(line));
    const link = log.join('\n').split('\n').find((l) => l.startsWith(`${SITE}/docs/connect-cluster#`))!;
    const params = new URLSearchParams(link.slice(link.indexOf('#') + 1));
    let token = params.get('token') ?? '';
    if (params.get('code')) {
      const res = await request(port, { method: 'POST', path: '/v1/pair', headers: { 'Content-Type': 'application/json', Origin: SITE }, body: JSON.stringify({ code: params.get('code') }) });
      token = (JSON.parse(res.body) as { token: string }).token;
    }
    return { port, token } as Harness;
  }

  it('judges each run on a fresh read: a context switch right after a health check is refused', async () => {
    const counting = new CountingExecutor();
    const h = await start(() => counting);
    const health = await request(h.port, { headers: { Authorization: `Bearer ${h.token}` } });
    expect(JSON.parse(health.body)).toMatchObject({ context: 'kind-test', allowed: true });
    useContext(kubeconfig, 'prod');
    const ws = await connect(h, await ticket(h));
    const replies = await exchange(ws, [{ type: 'run', requestId: 'r', id: 'gd-context', hash }], isDone);
    ws.close();
    expect(replies.at(-1)).toMatchObject({ type: 'error', code: 'context-not-allowed', message: expect.stringContaining('"prod"') });
    expect(counting.starts).toBe(0);
  });

  it("gives the shell the judged context: a switch during the run does not reach the run's kubectl", async () => {
    const h = await start((r) => createRunnerExecutor({ courseRoot: r, workRoot: path.join(root, 'work') }));
    const ws = await connect(h, await ticket(h));
    const replies: ServerMessage[] = [];
    const done = exchange(ws, [{ type: 'run', requestId: 'r', id: 'gd-context', hash }], (r) => {
      if (r.length === 1 && r[0]!.type === 'accepted') useContext(kubeconfig, 'prod');
      replies.splice(0, replies.length, ...r);
      return isDone(r);
    });
    await done;
    ws.close();
    const output = replies.filter((m) => m.type === 'output').map((m) => (m as { data: string }).data).join('');
    expect(replies.at(-1)).toMatchObject({ type: 'done', outcome: { status: 'passed' } });
    expect(output.trim()).toBe('kind-test');
  });

  it('refuses a learning name on a non-local server address, and says why in Korean', async () => {
    writeFileSync(
      kubeconfig,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "https://10.20.30.40:6443"}}]',
        'users: [{name: u, user: {token: t}}]',
        'contexts: [{name: kind-prod, context: {cluster: c, user: u}}]',
        'current-context: kind-prod',
        '',
      ].join('\n'),
    );
    const counting = new CountingExecutor();
    const h = await start(() => counting);
    const health = JSON.parse((await request(h.port, { headers: { Authorization: `Bearer ${h.token}` } })).body);
    expect(health).toMatchObject({ context: 'kind-prod', allowed: false });
    expect(health.reason).toContain('https://10.20.30.40:6443');
    expect(health.reason).toContain('이름만 바꾼 실제 클러스터');
    const ws = await connect(h, await ticket(h));
    const replies = await exchange(ws, [{ type: 'run', requestId: 'r', id: 'gd-context', hash }], isDone);
    ws.close();
    expect(replies.at(-1)).toMatchObject({ type: 'error', code: 'context-not-allowed', message: expect.stringContaining('10.20.30.40') });
    expect(counting.starts).toBe(0);
  });
});

describe('--allow-origin', () => {
  it.each(['file:///home/me/course/index.html', 'data:text/html,<h1>x</h1>', 'about:blank', 'javascript:alert(1)'])(
    'refuses %s, whose origin is "null", in Korean',
    (value) => {
      const parsed = parseAgentArgs(['--allow-origin', value]);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('"null"');
    },
  );

  it('refuses Origin: null even if it ever got into the allowed set', async () => {
    const h = await startAgent(new CountingExecutor(), { origins: new Set([SITE, 'null']) });
    try {
      const res = await request(h.port, { headers: { Authorization: `Bearer ${h.token}`, Origin: 'null' } });
      expect(res.status).toBe(403);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it('still accepts an http(s) origin', () => {
    const parsed = parseAgentArgs(['--allow-origin', 'http://localhost:3001/docs']);
    expect(parsed.ok && parsed.options.origins).toContain('http://localhost:3001');
  });
});
