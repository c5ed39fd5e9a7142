import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../../src/core';
import { CountingExecutor, SITE, connect, exchange, registryFrom, request, startAgent, ticket, type Harness } from './harness';

/**
 * The agent holds the reader's kubeconfig: every test here is an attack a web page
 * (or a confused client) could try, and each asserts that nothing was executed.
 */
describe('agent security', () => {
  let executor: CountingExecutor;
  let h: Harness;
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${h.token}` });
  const echoHash = parseCellsFromMarkdown(NOTEBOOK_FOR_HASH, 'x.md').cells[0]!.hash;

  beforeEach(async () => {
    executor = new CountingExecutor();
    h = await startAgent(executor);
  });
  afterEach(async () => {
    await h.close();
    expect(executor.running).toBe(0);
  });

  it('answers health only with the right bearer token', async () => {
    const ok = await request(h.port, { headers: auth() });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ version: 'test', context: 'kind-test', namespace: 'default' });
    expect((await request(h.port, {})).status).toBe(401);
    const wrongSameLength = h.token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(wrongSameLength).toHaveLength(h.token.length);
    expect((await request(h.port, { headers: { Authorization: `Bearer ${wrongSameLength}` } })).status).toBe(401);
  });

  it('ignores a token in the query string', async () => {
    const res = await request(h.port, { path: `/v1/health?token=${h.token}` });
    expect(res.status).toBe(401);
  });

  it('refuses foreign origins and never answers CORS with *', async () => {
    const foreign = await request(h.port, { headers: { ...auth(), Origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
    const site = await request(h.port, { headers: { ...auth(), Origin: SITE } });
    expect(site.status).toBe(200);
    expect(site.headers['access-control-allow-origin']).toBe(SITE);
    expect(site.headers.vary).toBe('Origin');
  });

  it.each(['attacker.example', 'localhost.attacker.example', '127.0.0.1.nip.io', 'localhost'])('refuses Host %s (DNS rebinding)', async (host) => {
    const res = await request(h.port, { headers: { ...auth(), Host: host } });
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('bad-host');
  });

  it('ignores proxy headers: X-Forwarded-Host neither rescues a bad Host nor spoils a good one', async () => {
    const rescued = await request(h.port, { headers: { ...auth(), Host: 'attacker.example', 'X-Forwarded-Host': `127.0.0.1:${h.port}`, Forwarded: `host=127.0.0.1:${h.port}` } });
    expect(rescued.status).toBe(403);
    const good = await request(h.port, { headers: { ...auth(), 'X-Forwarded-Host': 'attacker.example', 'X-Forwarded-For': '203.0.113.9' } });
    expect(good.status).toBe(200);
  });

  it('refuses a request without Host', async () => {
    const raw = await new Promise<string>((resolve) => {
      const socket = net.connect(h.port, '127.0.0.1', () => socket.write(`GET /v1/health HTTP/1.0\r\nAuthorization: Bearer ${h.token}\r\n\r\n`));
      let data = '';
      socket.on('data', (c) => (data += c.toString()));
      socket.on('end', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.\d 400/);
  });

  it('answers the Private Network Access preflight only for allowed origins', async () => {
    const headers = { 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Private-Network': 'true' };
    const ok = await request(h.port, { method: 'OPTIONS', path: '/v1/ticket', headers: { ...headers, Origin: SITE } });
    expect(ok.status).toBe(204);
    expect(ok.headers['access-control-allow-private-network']).toBe('true');
    const evil = await request(h.port, { method: 'OPTIONS', path: '/v1/ticket', headers: { ...headers, Origin: 'https://evil.example' } });
    expect(evil.status).toBe(403);
    expect(evil.headers['access-control-allow-private-network']).toBeUndefined();
  });

  it('sets security headers on every answer, errors included, without stack traces', async () => {
    for (const res of [await request(h.port, { headers: auth() }), await request(h.port, { path: '/nope', headers: auth() }), await request(h.port, {})]) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.body).not.toMatch(/at \w+ \(|node_modules|\/work\//);
    }
  });

  it('never acts on GET', async () => {
    const res = await request(h.port, { path: '/v1/ticket', headers: auth() });
    expect(res.status).toBe(405);
  });

  it('refuses a 10 MB body with 413 before reading it', async () => {
    const started = Date.now();
    const res = await request(h.port, {
      method: 'POST',
      path: '/v1/ticket',
      headers: { ...auth(), 'Content-Type': 'application/json', 'Content-Length': String(10 * 1024 * 1024) },
      body: '{',
    });
    expect(res.status).toBe(413);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses a chunked body that grows past the limit', async () => {
    const res = await request(h.port, {
      method: 'POST',
      path: '/v1/ticket',
      headers: { ...auth(), 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    });
    expect(res.status).toBe(413);
  });

  it('refuses malformed JSON and non-JSON bodies', async () => {
    const bad = await request(h.port, { method: 'POST', path: '/v1/ticket', headers: { ...auth(), 'Content-Type': 'application/json' }, body: '{"a":' });
    expect(bad.status).toBe(400);
    const form = await request(h.port, { method: 'POST', path: '/v1/ticket', headers: { ...auth(), 'Content-Type': 'text/plain' }, body: 'a=b' });
    expect(form.status).toBe(415);
  });

  it('refuses WebSocket upgrades from a foreign origin, without a ticket, or with a reused ticket', async () => {
    await expect(connect(h, await ticket(h), 'https://evil.example')).rejects.toThrow(/403/);
    await expect(connect(h, 'not-a-ticket')).rejects.toThrow(/401/);
    const once = await ticket(h);
    const ws = await connect(h, once);
    ws.close();
    await expect(connect(h, once)).rejects.toThrow(/401/);
  });

  describe('over an authenticated socket', () => {
    const run = async (message: Record<string, unknown>) => {
      const ws = await connect(h, await ticket(h));
      const replies = await exchange(ws, [{ type: 'run', requestId: 'r1', ...message }], (r) => r.some((m) => m.type === 'error' || m.type === 'done'));
      ws.close();
      return replies;
    };

    it.each([
      ['unknown id', { id: 'no-such-cell', hash: 'x' }, 'unknown-cell'],
      ['path traversal', { id: '../../etc/passwd', hash: 'x' }, 'bad-id'],
      ['NUL byte', { id: 'at-echo\u0000', hash: 'x' }, 'bad-id'],
      ['10,000 characters', { id: 'a'.repeat(10_000), hash: 'x' }, 'bad-id'],
      ['number id', { id: 42, hash: 'x' }, 'bad-id'],
      ['hash mismatch', { id: 'at-echo', hash: '0'.repeat(64) }, 'content-mismatch'],
      ['edited without opt-in', { id: 'at-echo', hashFromCell: true, source: 'rm -rf ~' }, 'edited-not-allowed'],
      ['shell cell applied', { id: 'at-echo', hashFromCell: true, action: 'apply' }, 'bad-action'],
      ['unknown action', { id: 'at-echo', hashFromCell: true, action: 'exec' }, 'bad-action'],
    ])('refuses %s and runs nothing', async (_name, message, code) => {
      const { hashFromCell, ...rest } = message as Record<string, unknown>;
      const replies = await run(hashFromCell ? { ...rest, hash: echoHash } : rest);
      expect(replies.at(-1)).toMatchObject({ type: 'error', code });
      expect(executor.starts).toBe(0);
    });

    it('explains a hash mismatch in Korean', async () => {
      const replies = await run({ id: 'at-echo', hash: '0'.repeat(64) });
      expect(replies.at(-1)).toMatchObject({ message: expect.stringContaining('사이트와 에이전트의 콘텐츠 버전이 다릅니다') });
    });

    it('runs a known, unedited cell', async () => {
      const replies = await run({ id: 'at-echo', hash: echoHash });
      expect(replies.map((m) => m.type)).toEqual(['accepted', 'done']);
      expect(executor.starts).toBe(1);
    });

    it('rejects malformed messages', async () => {
      const ws = await connect(h, await ticket(h));
      const replies = await exchange(ws, ['{not json', JSON.stringify({ type: 'run' })], (r) => r.length === 2);
      ws.close();
      expect(replies.map((m) => m.type === 'error' && m.code)).toEqual(['bad-json', 'bad-request']);
      expect(executor.starts).toBe(0);
    });

    it('caps concurrent runs: 50 at once start at most the limit, the rest get too-many-runs', async () => {
      const slow = new CountingExecutor(300);
      await h.close();
      h = await startAgent(slow, { maxConcurrentRuns: 4 });
      const ws = await connect(h, await ticket(h));
      const messages = Array.from({ length: 50 }, (_, i) => ({ type: 'run', requestId: `r${i}`, id: 'at-echo', hash: echoHash }));
      const replies = await exchange(ws, messages, (r) => r.filter((m) => m.type === 'done' || m.type === 'error').length === 50, 10_000);
      ws.close();
      expect(slow.starts).toBe(4);
      expect(replies.filter((m) => m.type === 'error' && m.code === 'too-many-runs')).toHaveLength(46);
    });

    it('refuses to run on a context that is not a learning cluster', async () => {
      await h.close();
      h = await startAgent(executor, {
        guard: () => ({ allowed: false, reason: '학습용 아님' }),
      });
      const replies = await run({ id: 'at-echo', hash: echoHash });
      expect(replies.at(-1)).toMatchObject({ type: 'error', code: 'context-not-allowed' });
      expect(executor.starts).toBe(0);
    });

    it('cancels the runs of a closed tab', async () => {
      const slow = new CountingExecutor(60_000);
      await h.close();
      h = await startAgent(slow);
      const ws = await connect(h, await ticket(h));
      await exchange(ws, [{ type: 'run', requestId: 'long', id: 'at-echo', hash: echoHash }], (r) => r.some((m) => m.type === 'accepted'));
      expect(slow.running).toBe(1);
      ws.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(slow.running).toBe(0);
    });
  });
});

const NOTEBOOK_FOR_HASH = '```bash run id=at-echo\necho hello\n```\n';
void registryFrom;

describe('agent shutdown', () => {
  it('closes promptly while a page holds its WebSocket and a cell is running, cancelling the run', async () => {
    const slow = new CountingExecutor(60_000);
    const h = await startAgent(slow);
    const ws = await connect(h, await ticket(h));
    const hash = parseCellsFromMarkdown(NOTEBOOK_FOR_HASH, 'x.md').cells[0]!.hash;
    await exchange(ws, [{ type: 'run', requestId: 'r', id: 'at-echo', hash }], (r) => r.some((m) => m.type === 'accepted'));
    const started = Date.now();
    await new Promise<void>((resolve) => h.server.close(() => resolve()));
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(slow.running).toBe(0);
  });
});
