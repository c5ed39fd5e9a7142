/**
 * The agent's cost as a page sees it: the real server (token, origin and host checks, tickets,
 * WebSocket) driving the real runner over loopback, against doing the same work directly.
 *
 * The cells are the bench's own (a registry built like the agent's, from Markdown through
 * src/core), because the course has no `true` cell and no manifest meant to be applied in a loop.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import { isRunnable, parseCellsFromMarkdown } from '../../src/core';
import { healthInfo, viewCluster, runGuard } from '../../src/agent/health';
import type { RunOutcome, ServerMessage } from '../../src/agent/protocol';
import { CellRegistry } from '../../src/agent/registry';
import { createRunnerExecutor } from '../../src/agent/runner-executor';
import { createAgentServer } from '../../src/agent/server';
import { createToken } from '../../src/agent/token';
import { measure, summarize, type Timing } from './stats';
import { freePort } from '../free-port';

const exec = promisify(execFile);
const ROOT_DIR = path.resolve(import.meta.dirname, '../..');
const ORIGIN = 'http://127.0.0.1:3000';
export const BENCH_NAMESPACE = 'bench-agent';

const MANIFEST = `apiVersion: v1
kind: ConfigMap
metadata:
  name: bench-config
  namespace: ${BENCH_NAMESPACE}
data:
  greeting: hello
---
apiVersion: v1
kind: Secret
metadata:
  name: bench-secret
  namespace: ${BENCH_NAMESPACE}
type: Opaque
data:
  password: bm90LWEtcmVhbC1vbmU=
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: bench-sa
  namespace: ${BENCH_NAMESPACE}
---
apiVersion: v1
kind: Service
metadata:
  name: bench-web
  namespace: ${BENCH_NAMESPACE}
spec:
  selector:
    app: bench-web
  ports:
    - port: 80
      targetPort: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench-web
  namespace: ${BENCH_NAMESPACE}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: bench-web
  template:
    metadata:
      labels:
        app: bench-web
    spec:
      serviceAccountName: bench-sa
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 8080
`;

const NOTEBOOK = `---
namespace: ${BENCH_NAMESPACE}
---

\`\`\`bash run id=bench-true
true
\`\`\`

\`\`\`yaml id=bench-five-objects
${MANIFEST}\`\`\`
`;

export interface AgentBench {
  direct: Timing;
  agentCold: Timing;
  agentWarm: Timing;
  kubectlApply: Timing;
  agentApply: Timing;
  kubectlFirst: number;
  agentFirst: number;
  context: string | null;
}

interface Started {
  port: number;
  token: string;
  close(): Promise<void>;
}


/** The agent server as startAgent builds it, with the bench's registry instead of the course's. */
async function startBenchAgent(registry: CellRegistry, workDir: string): Promise<Started> {
  const token = createToken();
  const version = (JSON.parse(readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  const port = await freePort();
  const server = createAgentServer(
    {
      port,
      token,
      origins: new Set([ORIGIN]),
      allowEdited: false,
      maxConcurrentRuns: 4,
      maxBodyBytes: 64 * 1024,
      maxMessageBytes: 256 * 1024,
      health: () => healthInfo(version, viewCluster(undefined), registry.size, false),
      guard: () => runGuard(undefined),
    },
    { registry, executor: createRunnerExecutor({ courseRoot: ROOT_DIR, workRoot: workDir }) },
  );
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        // An open WebSocket keeps close() waiting (see the report); the bench closes its own first.
        setTimeout(resolve, 2_000).unref();
      }),
  };
}

/** Like the page: a keep-alive connection for the ticket POST, then a WebSocket with the ticket. */
class PageClient {
  private readonly keepAlive = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private counter = 0;

  constructor(private readonly agent: Started) {}

  ticket(): Promise<string> {
    return new Promise((resolve, reject) => {
      const body = '{}';
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.agent.port,
          method: 'POST',
          path: '/v1/ticket',
          agent: this.keepAlive,
          headers: {
            Authorization: `Bearer ${this.agent.token}`,
            Origin: ORIGIN,
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => (res.statusCode === 200 ? resolve((JSON.parse(text) as { ticket: string }).ticket) : reject(new Error(`ticket ${res.statusCode}: ${text}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async open(): Promise<WebSocket> {
    const ticket = await this.ticket();
    const ws = new WebSocket(`ws://127.0.0.1:${this.agent.port}/v1/stream?ticket=${encodeURIComponent(ticket)}`, { origin: ORIGIN });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return ws;
  }

  run(ws: WebSocket, message: { id: string; hash: string; action?: string }): Promise<RunOutcome> {
    this.counter += 1;
    const requestId = `b${this.counter}`;
    return new Promise((resolve, reject) => {
      const onMessage = (raw: WebSocket.RawData): void => {
        const reply = JSON.parse(raw.toString()) as ServerMessage;
        if (reply.requestId !== requestId) return;
        if (reply.type === 'done') {
          ws.off('message', onMessage);
          resolve(reply.outcome);
        } else if (reply.type === 'error') {
          ws.off('message', onMessage);
          reject(new Error(`${reply.code}: ${reply.message}`));
        }
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ type: 'run', requestId, ...message }));
    });
  }

  close(): void {
    this.keepAlive.destroy();
  }
}

function spawnTrue(): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', 'true'], { stdio: 'ignore' });
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`bash exited ${code}`))));
  });
}

export async function benchAgent(options: { runs: number; applyRuns: number; log: (line: string) => void }): Promise<AgentBench> {
  const parsed = parseCellsFromMarkdown(NOTEBOOK, 'notebooks/bench/agent.md');
  const registry = CellRegistry.fromEntries(
    parsed.cells.filter(isRunnable).map((cell) => ({ cell, page: { file: parsed.file, slug: 'bench-agent', namespace: BENCH_NAMESPACE } })),
  );
  const trueCell = parsed.cells.find((c) => c.id === 'bench-true')!;
  const manifestCell = parsed.cells.find((c) => c.id === 'bench-five-objects')!;
  const view = viewCluster(undefined);
  if (!view.allowed) throw new Error(view.reason ?? 'the current context is not a learning cluster');

  const workDir = mkdtempSync(path.join(tmpdir(), 'bench-agent-'));
  const manifestFile = path.join(workDir, 'five-objects.yaml');
  writeFileSync(manifestFile, MANIFEST);
  const agent = await startBenchAgent(registry, workDir);
  const client = new PageClient(agent);
  try {
    options.log(`  셸 셀 \`true\` ${options.runs}회씩, 번갈아: bash 직접 실행, 에이전트(매번 티켓+WebSocket), 에이전트(열린 WebSocket)`);
    const ws = await client.open();
    const viaNewSocket = async (): Promise<void> => {
      const socket = await client.open();
      const outcome = await client.run(socket, { id: trueCell.id, hash: trueCell.hash });
      socket.close();
      if (outcome.status !== 'passed') throw new Error(`bench-true: ${outcome.status} ${outcome.message ?? ''}`);
    };
    const viaOpenSocket = async (): Promise<void> => {
      const outcome = await client.run(ws, { id: trueCell.id, hash: trueCell.hash });
      if (outcome.status !== 'passed') throw new Error(`bench-true: ${outcome.status} ${outcome.message ?? ''}`);
    };
    // Round-robin, so a busy moment of this shared machine lands on all three alike.
    const samples = { direct: [] as number[], cold: [] as number[], warm: [] as number[] };
    for (let i = 0; i < options.runs + 10; i += 1) {
      const direct = await measure(1, 0, spawnTrue);
      const cold = await measure(1, 0, viaNewSocket);
      const warm = await measure(1, 0, viaOpenSocket);
      if (i < 10) continue; // warm-up
      samples.direct.push(...direct);
      samples.cold.push(...cold);
      samples.warm.push(...warm);
    }
    const direct = summarize(samples.direct);
    const agentCold = summarize(samples.cold);
    const agentWarm = summarize(samples.warm);

    options.log(`  5개 객체 매니페스트 ${options.applyRuns}회씩: 에이전트 apply, kubectl apply --server-side`);
    // A namespace left terminating by an earlier run would refuse every object.
    await exec('kubectl', ['delete', 'namespace', BENCH_NAMESPACE, '--ignore-not-found', '--wait=true', '--timeout=120s']);
    await exec('kubectl', ['create', 'namespace', BENCH_NAMESPACE]);
    const agentApplyOnce = async (): Promise<void> => {
      const outcome = await client.run(ws, { id: manifestCell.id, hash: manifestCell.hash, action: 'apply' });
      if (outcome.status !== 'passed') throw new Error(`agent apply: ${outcome.status} ${outcome.message ?? ''}`);
    };
    const kubectlApplyOnce = async (): Promise<void> => {
      await exec('kubectl', ['apply', '--server-side', '--force-conflicts', '-f', manifestFile]);
    };
    // The first apply creates the objects; later ones are the "apply again after an edit" case.
    let start = performance.now();
    await agentApplyOnce();
    const agentFirst = performance.now() - start;
    await exec('kubectl', ['delete', '-f', manifestFile, '--wait=true']);
    start = performance.now();
    await kubectlApplyOnce();
    const kubectlFirst = performance.now() - start;
    // Interleaved, so a busy moment of the machine hits both sides alike.
    const agentSamples: number[] = [];
    const kubectlSamples: number[] = [];
    for (let i = 0; i < options.applyRuns; i += 1) {
      agentSamples.push(...(await measure(1, 0, agentApplyOnce)));
      kubectlSamples.push(...(await measure(1, 0, kubectlApplyOnce)));
    }
    ws.close();
    return {
      direct,
      agentCold,
      agentWarm,
      agentApply: summarize(agentSamples),
      kubectlApply: summarize(kubectlSamples),
      agentFirst,
      kubectlFirst,
      context: view.context,
    };
  } finally {
    client.close();
    await agent.close();
    await exec('kubectl', ['delete', 'namespace', BENCH_NAMESPACE, '--ignore-not-found', '--wait=false']).catch(() => undefined);
    rmSync(workDir, { recursive: true, force: true });
  }
}
