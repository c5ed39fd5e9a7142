/**
 * Bounded fuzzing of the agent's whole network surface, loopback only: random request lines,
 * headers and bodies, random upgrade requests, random WebSocket frames (valid and broken) and
 * abrupt resets. The agent runs as its own process with a background cell going; it must never
 * exit, the cell must keep running, and health must answer within 1 s after every batch.
 * Bounded by count and by time (whichever comes first), seeded so a failure can be replayed:
 * FUZZ_SEED=<seed printed on failure>.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseCellsFromMarkdown } from '../../src/core';
import { startChildAgent, SITE, type ChildAgent } from './child-agent';
import { connect, exchange, request, ticket, type Harness } from './harness';

const NOTEBOOK = '```bash background id=fz-long\nsleep 900\n```\n\n```bash run id=fz-echo\necho hi\n```\n';
const hashes = new Map(parseCellsFromMarkdown(NOTEBOOK, 'n.md').cells.map((c) => [c.id, c.hash]));
const CASES = 1_200;
const BUDGET_MS = 45_000;
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);

/** mulberry32: small, seedable. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzzing the HTTP + WebSocket surface', () => {
  let agent: ChildAgent;
  let h: Harness;
  let long: WebSocket;
  const random = rng(SEED);
  const int = (n: number): number => Math.floor(random() * n);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (n: number): Buffer => Buffer.from(Array.from({ length: n }, () => int(256)));
  const junk = (max: number): string => pick([() => bytes(int(max)).toString('latin1'), () => 'ㅋ'.repeat(int(max)), () => '%'.repeat(int(max)), () => 'a'.repeat(int(max * 50))])();

  const targets = (): string =>
    pick([
      '/v1/health',
      '/v1/ticket',
      '/v1/stream?ticket=x',
      '/v1/pair',
      '/v1/hello?id=%ZZ&nonce=' + 'n'.repeat(int(200)),
      'http://[/',
      'http://[::1',
      '//evil.example/x',
      '*',
      '/%00%ff/..%2f..',
      `/${junk(40)}`,
      'a'.repeat(int(10_000)),
      '',
    ]);
  const host = (): string => pick([`127.0.0.1:${agent.port}`, `localhost:${agent.port}`, 'evil.example', '', `127.0.0.1:${agent.port}, evil`, junk(20)]);
  const header = (): string =>
    pick([
      `Host: ${host()}`,
      `Origin: ${pick([SITE, 'null', 'https://evil.example', junk(20)])}`,
      `Authorization: Bearer ${pick([agent.token, 'x', junk(30)])}`,
      `Content-Length: ${pick(['0', '5', '-1', '99999999999', 'abc', String(int(100))])}`,
      `Transfer-Encoding: ${pick(['chunked', 'gzip, chunked', 'x'])}`,
      'Content-Type: application/json',
      'Upgrade: websocket',
      'Connection: Upgrade',
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Key: ${pick(['dGhlIHNhbXBsZSBub25jZQ==', 'x', ''])}`,
      `X-${junk(10)}: ${junk(30)}`,
      junk(60),
      `Cookie: ${'c'.repeat(int(20_000))}`,
    ]);

  /** One raw HTTP exchange: a random request, then read, reset, or half-close. */
  const rawCase = (): Promise<void> =>
    new Promise((resolve) => {
      const socket = net.connect(agent.port, '127.0.0.1');
      const done = (): void => {
        socket.destroy();
        resolve();
      };
      socket.on('error', done);
      socket.on('close', done);
      socket.on('data', () => undefined);
      socket.on('connect', () => {
        const method = pick(['GET', 'POST', 'OPTIONS', 'PUT', 'DELETE', 'CONNECT', 'PRI', junk(8)]);
        const version = pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', junk(5)]);
        const headers = Array.from({ length: int(8) }, header).join('\r\n');
        const body = pick(['', '{}', '{"code":"x"}', junk(200), '0\r\n\r\n', 'ffffffff\r\n'.repeat(int(3))]);
        const request = `${method} ${targets()} ${version}\r\n${headers}\r\n\r\n${body}`;
        const split = int(request.length + 1);
        socket.write(request.slice(0, split), 'latin1');
        const ending = int(4);
        if (ending === 0) socket.resetAndDestroy();
        else if (ending === 1) setTimeout(() => socket.resetAndDestroy(), int(20));
        else if (ending === 2) socket.end(request.slice(split), 'latin1');
        else {
          socket.write(request.slice(split), 'latin1');
          setTimeout(done, 50 + int(100));
        }
      });
      setTimeout(done, 2_000).unref();
    });

  /** A masked client frame with any opcode, flags and payload, valid or not. */
  const frame = (): Buffer => {
    const payload = pick([
      () => Buffer.from(JSON.stringify({ type: pick(['run', 'cancel', 'x']), requestId: pick(['r1', '', junk(10), 'r'.repeat(100)]), id: pick(['fz-echo', 'fz-long', junk(10)]), hash: pick([hashes.get('fz-echo'), 'x', 1]), action: pick(['run', 'apply', 'exec', undefined]) })),
      () => bytes(int(200)),
      () => Buffer.from([0xc3, 0x28, 0xff]),
      () => Buffer.alloc(int(70_000), 0x7b),
      () => Buffer.from('{"type":"run","requestId":"' + 'x'.repeat(int(1000)) + '"'),
    ])();
    const first = (pick([0x80, 0x00, 0xc0, 0xf0]) | pick([0x1, 0x2, 0x0, 0x8, 0x9, 0xa, 0x3, 0xf])) >>> 0;
    const mask = bytes(4);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    let length: Buffer;
    if (payload.length < 126) length = Buffer.from([0x80 | payload.length]);
    else if (payload.length < 65_536) length = Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    else {
      length = Buffer.alloc(9);
      length[0] = 0x80 | 127;
      length.writeBigUInt64BE(BigInt(payload.length), 1);
    }
    if (int(10) === 0) return bytes(int(30)); // not a frame at all
    return Buffer.concat([Buffer.from([first]), length, mask, masked]);
  };

  const wsCase = async (): Promise<void> => {
    let ws: WebSocket;
    try {
      ws = await connect(h, await ticket(h));
    } catch {
      return;
    }
    ws.on('error', () => undefined);
    const socket = (ws as unknown as { _socket: net.Socket })._socket;
    for (let i = 0, n = 1 + int(4); i < n; i += 1) {
      if (int(3) === 0) ws.send(JSON.stringify({ type: 'run', requestId: `q${i}`, id: 'fz-echo', hash: hashes.get('fz-echo') }));
      else socket.write(frame());
    }
    await new Promise((resolve) => setTimeout(resolve, int(30)));
    if (int(2) === 0) socket.resetAndDestroy();
    else ws.terminate();
  };

  const healthy = async (): Promise<void> => {
    expect(agent.running(), `agent exited (seed ${SEED}):\n${agent.output()}`).toBe(true);
    const started = Date.now();
    const res = await request(agent.port, { headers: { Authorization: `Bearer ${agent.token}` } });
    expect(res.status).toBe(200);
    expect(Date.now() - started, `health took too long (seed ${SEED})`).toBeLessThan(1_000);
  };

  beforeAll(async () => {
    agent = await startChildAgent(NOTEBOOK);
    h = { port: agent.port, token: agent.token } as Harness;
    long = await connect(h, await ticket(h));
    await exchange(long, [{ type: 'run', requestId: 'long', id: 'fz-long', hash: hashes.get('fz-long') }], (r) => r.some((m) => m.type === 'accepted'));
  });
  afterAll(async () => {
    long?.terminate();
    await agent?.stop();
  });

  it(`survives up to ${CASES} random cases in ${BUDGET_MS / 1000} s`, async () => {
    const started = Date.now();
    let cases = 0;
    while (cases < CASES && Date.now() - started < BUDGET_MS) {
      const batch = Array.from({ length: 10 }, () => (int(3) === 0 ? wsCase() : rawCase()));
      await Promise.all(batch);
      cases += batch.length;
      if (cases % 100 === 0) await healthy();
    }
    console.log(`[fuzz] seed ${SEED}: ${cases} cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await healthy();
    expect(long.readyState, 'the background cell connection survived').toBe(WebSocket.OPEN);
    expect(cases).toBeGreaterThanOrEqual(100);
  }, BUDGET_MS + 30_000);
});
