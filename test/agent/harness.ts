import http from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import WebSocket from 'ws';
import type { KubeTarget } from '../../src/kube/types';
import { parseCellsFromMarkdown, isRunnable } from '../../src/core';
import type { CellExecutor, CellRun } from '../../src/agent/executor';
import type { HealthInfo, RunOutcome, ServerMessage } from '../../src/agent/protocol';
import { CellRegistry } from '../../src/agent/registry';
import { createAgentServer, type AgentServerOptions } from '../../src/agent/server';
import { createToken } from '../../src/agent/token';
import { freePort } from '../../scripts/free-port';

export { freePort };

export const SITE = 'http://localhost:3000';

export const NOTEBOOK = `---
namespace: agent-test
---

\`\`\`bash run id=at-echo
echo hello
\`\`\`

\`\`\`bash verify id=at-verify ok="좋아요" fail="아니에요"
true
\`\`\`

\`\`\`yaml id=at-config
apiVersion: v1
kind: ConfigMap
metadata:
  name: at-config
  namespace: agent-test
\`\`\`
`;

/** A kind context on loopback, as a learning cluster's kubeconfig has it (nothing listens there). */
export function learningTarget(): KubeTarget {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    clusters: [{ name: 'kind-test', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
    users: [{ name: 'kind-test', token: 'test' }],
    contexts: [{ name: 'kind-test', cluster: 'kind-test', user: 'kind-test', namespace: 'default' }],
    currentContext: 'kind-test',
  });
  return { kubeConfig, context: 'kind-test', server: 'https://127.0.0.1:1', namespace: 'default', user: 'kind-test' };
}

export function registryFrom(markdown = NOTEBOOK): CellRegistry {
  const parsed = parseCellsFromMarkdown(markdown, 'notebooks/test/agent.md');
  return CellRegistry.fromEntries(
    parsed.cells.filter(isRunnable).map((cell) => ({ cell, page: { file: parsed.file, slug: 'notebooks-test-agent', namespace: 'agent-test' } })),
  );
}

/** Counts every start so each security test can assert that nothing ran. */
export class CountingExecutor implements CellExecutor {
  starts = 0;
  running = 0;
  constructor(private readonly durationMs = 20) {}
  start(): CellRun {
    this.starts += 1;
    this.running += 1;
    let finish!: (outcome: RunOutcome) => void;
    const result = new Promise<RunOutcome>((resolve) => {
      finish = resolve;
    });
    const timer = setTimeout(() => finish({ status: 'passed', exitCode: 0, durationMs: this.durationMs }), this.durationMs);
    void result.then(() => {
      this.running -= 1;
    });
    return {
      result,
      cancel: () => {
        clearTimeout(timer);
        finish({ status: 'cancelled', exitCode: null, durationMs: 0 });
      },
    };
  }
}


export interface Harness {
  port: number;
  token: string;
  base: string;
  server: http.Server;
  close(): Promise<void>;
}

export async function startAgent(
  executor: CellExecutor,
  overrides: Partial<AgentServerOptions> = {},
  registry = registryFrom(),
): Promise<Harness> {
  const port = await freePort();
  const token = createToken();
  const health = (): HealthInfo => ({
    version: 'test',
    context: 'kind-test',
    namespace: 'default',
    server: 'https://127.0.0.1:6443',
    allowed: true,
    cells: registry.size,
    allowEdited: false,
  });
  const server = createAgentServer(
    {
      port,
      token,
      origins: new Set([SITE]),
      allowEdited: false,
      maxConcurrentRuns: 4,
      maxBodyBytes: 64 * 1024,
      maxMessageBytes: 256 * 1024,
      health,
      guard: () => ({ allowed: true, target: learningTarget() }),
      ...overrides,
    },
    { registry, executor },
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    token,
    base: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A raw HTTP request, so tests control every header (fetch forbids setting Host and Origin). */
export function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string | undefined>; body?: string | Buffer },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(Object.entries(options.headers ?? {}).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/v1/health', headers, setHost: !('host' in headers) && !('Host' in headers) },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export async function ticket(h: Harness): Promise<string> {
  const res = await request(h.port, {
    method: 'POST',
    path: '/v1/ticket',
    headers: { Authorization: `Bearer ${h.token}`, 'Content-Type': 'application/json', Origin: SITE },
    body: '{}',
  });
  return (JSON.parse(res.body) as { ticket: string }).ticket;
}

export function connect(h: Harness, ticketValue: string, origin = SITE): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${h.port}/v1/stream?ticket=${encodeURIComponent(ticketValue)}`, { origin });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** Sends messages and collects replies until `until` says stop. */
export function exchange(ws: WebSocket, messages: unknown[], until: (received: ServerMessage[]) => boolean, timeoutMs = 5_000): Promise<ServerMessage[]> {
  return new Promise((resolve, reject) => {
    const received: ServerMessage[] = [];
    const timer = setTimeout(() => reject(new Error(`timeout; got ${JSON.stringify(received)}`)), timeoutMs);
    ws.on('message', (data) => {
      received.push(JSON.parse(String(data)) as ServerMessage);
      if (until(received)) {
        clearTimeout(timer);
        resolve(received);
      }
    });
    for (const message of messages) ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}
