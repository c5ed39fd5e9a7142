/**
 * What the connected cluster offers to cells (`needs=`), as the page asks the agent for it
 * (`GET /v1/capabilities`): found on the cluster a run would use (the same fresh judgement of the
 * kubeconfig), seen anew after a context switch, cached briefly otherwise, only with a session.
 */
import http from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CapabilityCache } from '../../src/agent/capabilities';
import { startAgent as startRealAgent, type StartedAgent } from '../../src/agent/main';
import type { CapabilitiesInfo } from '../../src/agent/protocol';
import { NO_ADDONS, type Capabilities } from '../../src/core/needs';
import type { KubeTarget } from '../../src/kube/types';
import { useContext, SITE } from './child-agent';
import { CountingExecutor, freePort, learningTarget, request } from './harness';

/** A stand-in API server with the few read-only paths capability detection asks for. */
async function fakeApiServer(kind: 'kwok' | 'real'): Promise<{ url: string; requests: string[]; close(): Promise<void> }> {
  const requests: string[] = [];
  const node = (name: string) => ({ metadata: { name, annotations: kind === 'kwok' ? { 'kwok.x-k8s.io/node': 'fake' } : {} } });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const json = (body: unknown, status = 200) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/api/v1/nodes') return json({ items: [node('k8s-course-control-plane'), node('k8s-course-worker')] });
    if (url.pathname === '/apis') return json({ groups: [{ name: 'apps' }] });
    if (url.pathname === '/apis/apiregistration.k8s.io/v1/apiservices') {
      const available = kind === 'real' ? [{ metadata: { name: 'v1beta1.metrics.k8s.io' }, status: { conditions: [{ type: 'Available', status: 'True' }] } }] : [];
      return json({ items: available });
    }
    if (url.pathname === '/apis/apps/v1/deployments') return json({ items: [] });
    return json({ kind: 'Status', code: 404 }, 404);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function writeTwoClusters(file: string, simulated: string, real: string): void {
  writeFileSync(
    file,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- {name: sim, cluster: {server: "${simulated}", insecure-skip-tls-verify: true}}`,
      `- {name: real, cluster: {server: "${real}", insecure-skip-tls-verify: true}}`,
      'users: [{name: u, user: {token: t}}]',
      'contexts:',
      '- {name: kind-sim, context: {cluster: sim, user: u}}',
      '- {name: kind-real, context: {cluster: real, user: u}}',
      'current-context: kind-sim',
      '',
    ].join('\n'),
  );
}

describe('the agent says what the connected cluster offers', () => {
  let root: string;
  let kubeconfig: string;
  let agent: StartedAgent | undefined;
  const servers: Array<{ close(): Promise<void> }> = [];
  const saved = { KUBECONFIG: process.env.KUBECONFIG, K8S_COURSE_INTERNET: process.env.K8S_COURSE_INTERNET };

  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'agent-caps-'));
    writeFileSync(path.join(root, 'package.json'), '{"version":"test"}');
    mkdirSync(path.join(root, 'notebooks'));
    writeFileSync(path.join(root, 'notebooks', 'caps.md'), '```bash run id=caps-exec needs=containers\nkubectl exec x -- true\n```\n');
    kubeconfig = path.join(root, 'kubeconfig.yaml');
    process.env.KUBECONFIG = kubeconfig;
  });
  afterEach(async () => {
    await agent?.close();
    agent = undefined;
    await Promise.all(servers.splice(0).map((s) => s.close()));
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(root, { recursive: true, force: true });
  });

  /** The real startAgent (main.ts), paired the way a page pairs; returns the session token. */
  async function start(args: string[] = []): Promise<{ port: number; token: string }> {
    const port = await freePort();
    const log: string[] = [];
    agent = await startRealAgent(['--port', String(port), ...args], root, () => new CountingExecutor(), (line) => log.push(line));
    const link = log.join('\n').split('\n').find((l) => l.startsWith(`${SITE}/docs/connect-cluster#`))!;
    const code = new URLSearchParams(link.slice(link.indexOf('#') + 1)).get('code');
    const paired = await request(port, { method: 'POST', path: '/v1/pair', headers: { 'Content-Type': 'application/json', Origin: SITE }, body: JSON.stringify({ code }) });
    return { port, token: (JSON.parse(paired.body) as { token: string }).token };
  }

  const ask = async (h: { port: number; token: string }, query = ''): Promise<CapabilitiesInfo> => {
    const res = await request(h.port, { path: `/v1/capabilities${query}`, headers: { Authorization: `Bearer ${h.token}`, Origin: SITE } });
    expect(res.status).toBe(200);
    return JSON.parse(res.body) as CapabilitiesInfo;
  };

  it('simulated nodes lack containers; after a context switch the next answer is about the new cluster, within the cache time', async () => {
    const sim = await fakeApiServer('kwok');
    const real = await fakeApiServer('real');
    servers.push(sim, real);
    writeTwoClusters(kubeconfig, sim.url, real.url);
    const h = await start();

    const first = await ask(h);
    expect(first).toMatchObject({ context: 'kind-sim', capabilities: { nodes: 'simulated', containers: false, internet: true, context: 'kind-sim' } });
    expect(first.capabilities?.addons['metrics-server']).toBe(false);
    // Asked again at once: the same detection, not another round of API requests.
    const asked = sim.requests.length;
    expect(await ask(h)).toEqual(first);
    expect(sim.requests.length).toBe(asked);

    useContext(kubeconfig, 'kind-real');
    const second = await ask(h);
    expect(second).toMatchObject({ context: 'kind-real', capabilities: { nodes: 'real', containers: true, context: 'kind-real' } });
    expect(second.capabilities?.addons['metrics-server']).toBe(true);
    expect(real.requests).toContain('/api/v1/nodes');
  });

  it('needs a session, says internet is off when configured so, and says why when there is no cluster to run on', async () => {
    const sim = await fakeApiServer('kwok');
    servers.push(sim);
    writeTwoClusters(kubeconfig, sim.url, sim.url);
    process.env.K8S_COURSE_INTERNET = '0';
    const h = await start();
    const anonymous = await request(h.port, { path: '/v1/capabilities', headers: { Origin: SITE } });
    expect(anonymous.status).toBe(401);
    expect(sim.requests).toEqual([]);
    expect((await ask(h)).capabilities).toMatchObject({ internet: false });

    writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://10.20.30.40:6443"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: kind-prod, context: {cluster: c, user: u}}]\ncurrent-context: kind-prod\n');
    const refused = await ask(h);
    expect(refused.capabilities).toBeNull();
    expect(refused.reason).toContain('10.20.30.40');
  });

  it('--no-internet marks the internet as unavailable', async () => {
    const sim = await fakeApiServer('kwok');
    servers.push(sim);
    writeTwoClusters(kubeconfig, sim.url, sim.url);
    const h = await start(['--no-internet']);
    expect((await ask(h)).capabilities).toMatchObject({ internet: false, containers: false });
  });
});

describe('the capability cache', () => {
  const caps = (target: KubeTarget): Capabilities => ({ nodes: 'simulated', containers: false, internet: true, kindNode: false, kindCluster: false, addons: { ...NO_ADDONS }, context: target.context });

  it('reuses a detection for the ttl, looks again on fresh after the minimum interval, and never keeps a failed look', async () => {
    let now = 0;
    let detections = 0;
    let fail = false;
    const cache = new CapabilityCache({
      guard: () => ({ allowed: true, target: learningTarget() }),
      detect: async (target) => {
        detections += 1;
        if (fail) throw new Error('unreachable');
        return caps(target);
      },
      ttlMs: 15_000,
      minIntervalMs: 2_000,
      now: () => now,
    });
    expect((await cache.current()).capabilities).toMatchObject({ context: 'kind-test' });
    now = 1_000;
    await cache.current(true);
    expect(detections).toBe(1);
    now = 3_500;
    await cache.current(true);
    expect(detections).toBe(2);
    now = 10_000;
    await cache.current();
    expect(detections).toBe(2);
    now = 20_000;
    fail = true;
    const failed = await cache.current();
    expect(failed.capabilities).toBeNull();
    expect(failed.reason).toContain('kind-test');
    fail = false;
    expect((await cache.current()).capabilities).not.toBeNull();
    expect(detections).toBe(4);
  });

  it('shares one detection between concurrent asks', async () => {
    let detections = 0;
    const cache = new CapabilityCache({
      guard: () => ({ allowed: true, target: learningTarget() }),
      detect: async (target) => {
        detections += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return caps(target);
      },
    });
    await Promise.all([cache.current(), cache.current(), cache.current(true)]);
    expect(detections).toBe(1);
  });
});
