/**
 * Inputs that once ended the agent process (and with it every running and background cell of the
 * reader). Each runs against the real agent in its own process; after each, the process is alive,
 * a cell started before the attack is still running, and health answers within 1 s.
 */
import net from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseCellsFromMarkdown } from '../../src/core';
import { startChildAgent, SITE, type ChildAgent } from './child-agent';
import { connect, exchange, request, ticket, type Harness } from './harness';

const NOTEBOOK = '```bash background id=cr-long\nsleep 600\n```\n';
const longHash = parseCellsFromMarkdown(NOTEBOOK, 'n.md').cells[0]!.hash;

/** Writes raw bytes and collects the answer until the server closes (or `ms` passes). */
export function raw(port: number, bytes: string | Buffer, ms = 2_000): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    let data = '';
    const done = (): void => {
      socket.destroy();
      resolve(data);
    };
    socket.on('data', (c) => (data += c.toString()));
    socket.on('end', done);
    socket.on('error', done);
    setTimeout(done, ms).unref();
  });
}

const securityHeaders = (answer: string): void => {
  const head = answer.split('\r\n\r\n')[0]!.toLowerCase();
  expect(head).toContain('x-content-type-options: nosniff');
  expect(head).toContain("content-security-policy: default-src 'none'; frame-ancestors 'none'");
  expect(head).toContain('cache-control: no-store');
};

describe('the agent survives', () => {
  let agent: ChildAgent;
  let h: Harness;
  let long: WebSocket;

  const healthy = async (): Promise<void> => {
    expect(agent.running()).toBe(true);
    const started = Date.now();
    const res = await request(agent.port, { headers: { Authorization: `Bearer ${agent.token}` } });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(1_000);
    // The reader's background cell, started before the attack, is still there.
    expect(long.readyState).toBe(WebSocket.OPEN);
  };

  // A fresh agent per case, so each case proves its own point (on the old code the first crash ended them all).
  beforeEach(async () => {
    agent = await startChildAgent(NOTEBOOK);
    h = { port: agent.port, token: agent.token } as Harness;
    long = await connect(h, await ticket(h));
    await exchange(long, [{ type: 'run', requestId: 'long', id: 'cr-long', hash: longHash }], (r) => r.some((m) => m.type === 'accepted'));
  });
  afterEach(async () => {
    long?.terminate();
    await agent?.stop();
  });

  it('an absolute-form request line that new URL() cannot parse, answered 400 with security headers', async () => {
    const answer = await raw(agent.port, `GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1:${agent.port}\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    securityHeaders(answer);
    await healthy();
  });

  it('the same request line as a WebSocket upgrade', async () => {
    const answer = await raw(
      agent.port,
      `GET http://[/ HTTP/1.1\r\nHost: 127.0.0.1:${agent.port}\r\nOrigin: ${SITE}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    securityHeaders(answer);
    await healthy();
  });

  it('a WebSocket message over the size limit (a pasted 300 KB manifest)', async () => {
    const ws = await connect(h, await ticket(h));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    ws.send(JSON.stringify({ type: 'run', requestId: 'big', id: 'cr-long', hash: longHash, source: 'x'.repeat(300 * 1024) }));
    expect(await closed).toBe(1009);
    await healthy();
  });

  it('a text frame of invalid UTF-8', async () => {
    const ws = await connect(h, await ticket(h));
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.on('error', () => undefined);
    // ws validates outgoing text only when asked; send the bytes as a raw masked text frame.
    const socket = (ws as unknown as { _socket: net.Socket })._socket;
    const payload = Buffer.from([0xc3, 0x28, 0xff, 0xfe]);
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
    expect(await closed).toBe(1007);
    await healthy();
  });

  it('refused upgrades whose clients reset the connection at once (200 times)', async () => {
    for (let i = 0; i < 200; i += 1) {
      await new Promise<void>((resolve) => {
        const socket = net.connect(agent.port, '127.0.0.1', () => {
          socket.write(
            `GET /v1/stream?ticket=x HTTP/1.1\r\nHost: 127.0.0.1:${agent.port}\r\nOrigin: https://evil.example\r\nUpgrade: websocket\r\n` +
              'Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
          );
          // RST instead of FIN: the agent's answer then meets ECONNRESET or EPIPE.
          if (i % 2 === 0) socket.resetAndDestroy();
          else setImmediate(() => socket.resetAndDestroy());
          resolve();
        });
        socket.on('error', () => resolve());
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    await healthy();
  });

  it('answers refused upgrades with the security headers and a Korean JSON reason', async () => {
    const answer = await raw(
      agent.port,
      `GET /v1/stream?ticket=x HTTP/1.1\r\nHost: 127.0.0.1:${agent.port}\r\nOrigin: https://evil.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 403/);
    securityHeaders(answer);
    expect(answer).toContain('"code":"bad-origin"');
    await healthy();
  });

  it("answers Node's own 400s (unparsable requests) with the security headers", async () => {
    for (const bytes of ['NONSENSE\r\n\r\n', `GET / HTTP/1.1\r\nHost: 127.0.0.1:${agent.port}\r\nBad Header\r\n\r\n`, 'GET / HTTP/9.9\r\n\r\n']) {
      const answer = await raw(agent.port, bytes);
      expect(answer).toMatch(/^HTTP\/1\.1 400/);
      securityHeaders(answer);
    }
    await healthy();
  });
});
