/**
 * The agent's answer to "what does the connected cluster offer" (`GET /v1/capabilities`), from the real
 * API server of the tests: the cluster in KUBECONFIG, by default the project's own control plane, whose
 * kwok nodes run no containers. The answer must say what the nodes are, per the same guard a run uses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent, type StartedAgent } from '../../src/agent/main';
import type { CapabilitiesInfo } from '../../src/agent/protocol';
import { decideCapabilities, observeCluster } from '../../src/kube/capabilities';
import { closeTarget } from '../../src/kube/http';
import { loadTarget } from '../../src/kube/target';
import { SITE } from '../agent/child-agent';
import { CountingExecutor, freePort, request } from '../agent/harness';

describe('the agent on the test cluster', () => {
  let root: string;
  let agent: StartedAgent;
  let port: number;
  let token: string;

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'agent-caps-it-'));
    writeFileSync(path.join(root, 'package.json'), '{"version":"test"}');
    mkdirSync(path.join(root, 'notebooks'));
    writeFileSync(path.join(root, 'notebooks', 'caps.md'), '```bash run id=caps-it\ntrue\n```\n');
    port = await freePort();
    const log: string[] = [];
    agent = await startAgent(['--port', String(port), '--no-internet'], root, () => new CountingExecutor(), (line) => log.push(line));
    const link = log.join('\n').split('\n').find((l) => l.startsWith(`${SITE}/docs/connect-cluster#`))!;
    const code = new URLSearchParams(link.slice(link.indexOf('#') + 1)).get('code');
    const paired = await request(port, { method: 'POST', path: '/v1/pair', headers: { 'Content-Type': 'application/json', Origin: SITE }, body: JSON.stringify({ code }) });
    token = (JSON.parse(paired.body) as { token: string }).token;
  });
  afterAll(async () => {
    await agent?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('says what the nodes of the current context are, as src/kube decides from the cluster itself', async () => {
    const target = loadTarget();
    const expected = decideCapabilities(await observeCluster(target, { internet: false, dockerContainers: async () => undefined }).finally(() => closeTarget(target)));
    const res = await request(port, { path: '/v1/capabilities', headers: { Authorization: `Bearer ${token}`, Origin: SITE } });
    expect(res.status).toBe(200);
    const info = JSON.parse(res.body) as CapabilitiesInfo;
    expect(info.context).toBe(target.context);
    expect(info.capabilities).toMatchObject({ nodes: expected.nodes, containers: expected.containers, internet: false, addons: expected.addons });
    // The project's own control plane has kwok nodes only: the case the page's notes are for.
    if (target.context === 'k8s-course-local') expect(info.capabilities).toMatchObject({ nodes: 'simulated', containers: false });
  });
});
