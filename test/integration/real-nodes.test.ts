/**
 * Real-node mode of scripts/cluster/cluster.sh (`up --nodes real`): containers run. This file starts its
 * own real-node cluster (its own run dir and ports, so it does not disturb the cluster the other
 * integration tests use), proves what kwok nodes cannot do (logs, exec, Service DNS, traffic between
 * pods on two nodes, NetworkPolicy enforcement, metrics-server) and then that `down` leaves no process,
 * mount, cgroup, network namespace or interface behind.
 *
 * Skipped, with the reason, on a machine that cannot run real nodes (not root, no cgroups, missing
 * Debian packages: `cluster.sh real-nodes-blocker` says which).
 */
import { execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually as poll, runCommand, stdoutOf } from './process';
import { expectDownLeavesNothing } from './real-node-down';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clusterScript = resolve(repoRoot, 'scripts', 'cluster', 'cluster.sh');
const cacheRoot = process.env.K8S_COURSE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'k8s-course', 'cluster');
// K8S_COURSE_IT_REAL_RUN_DIR: e.g. a long path, to check that the nodes' sockets still fit (nodes_root in nodes.sh)
const runDir = process.env.K8S_COURSE_IT_REAL_RUN_DIR ?? join(cacheRoot, 'run-it-real');

// Ports of this file's own cluster (the default ones + 9000: apart from the default cluster's and the helpers').
const clusterEnv: NodeJS.ProcessEnv = {
  ...process.env,
  KUBECONFIG: '',
  K8S_COURSE_NODES: 'real',
  K8S_COURSE_RUN_DIR: runDir,
  K8S_COURSE_CRDS: '0',
  K8S_COURSE_ETCD_PORT: '32790',
  K8S_COURSE_ETCD_PEER_PORT: '32800',
  K8S_COURSE_APISERVER_PORT: '35443',
  K8S_COURSE_KCM_PORT: '29257',
  K8S_COURSE_SCHEDULER_PORT: '29259',
  K8S_COURSE_KWOK_PORT: '29250',
};

function blocker(): string {
  try {
    return execFileSync('bash', [clusterScript, 'real-nodes-blocker'], { env: clusterEnv, encoding: 'utf8' }).trim();
  } catch (err) {
    return `cluster.sh real-nodes-blocker failed: ${String(err)}`;
  }
}
const why = blocker();
if (why) console.warn(`[real-nodes] 건너뜀: ${why}`);

const run = runCommand;
const eventually = <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> => poll(what, check, timeoutMs, 1000);

let kubeconfig = '';
const kubectl = (args: string[], input = '') => run('kubectl', args, { ...process.env, KUBECONFIG: kubeconfig }, input);
const kubectlOk = async (args: string[], input = ''): Promise<string> => stdoutOf(`kubectl ${args.join(' ')}`, await kubectl(args, input));

/** Command lines of the processes whose arguments contain `text` (read from /proc, no child process). */
const NS = 'it-real';
const workload = `
apiVersion: v1
kind: Namespace
metadata:
  name: ${NS}
---
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: ${NS}
  labels: {app: web}
spec:
  nodeSelector: {node-type: cpu-optimized}
  containers:
    - name: nginx
      image: nginx:1.27
      ports: [{containerPort: 80}]
      readinessProbe:
        httpGet: {path: /, port: 80}
        periodSeconds: 1
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: ${NS}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Pod
metadata:
  name: client
  namespace: ${NS}
  labels: {app: client}
spec:
  nodeSelector: {disktype: ssd}
  containers:
    - name: sh
      image: busybox:1.36
      command: ["sh", "-c", "echo client started; sleep 3600"]
`;

/** Entries of /run/netns: containerd pins pod namespaces there unless told to use its state dir. */
const namedNetns = (): string[] => execFileSync('sh', ['-c', 'ls /run/netns 2>/dev/null || true'], { encoding: 'utf8' }).split('\n').filter(Boolean);
let netnsBefore: string[] = [];

describe.skipIf(why !== '')('real-node mode (cluster.sh up --nodes real)', () => {
  beforeAll(async () => {
    netnsBefore = namedNetns();
    const up = await run('bash', [clusterScript, 'up', '--nodes', 'real'], clusterEnv, '', 600_000);
    const match = /^export KUBECONFIG=(.+)$/m.exec(up.stdout);
    if (up.code !== 0 || !match?.[1]) throw new Error(`cluster.sh up --nodes real failed (${up.code}):\n${up.stderr.slice(-4000)}`);
    kubeconfig = match[1].trim();
    await kubectlOk(['apply', '-f', '-'], workload);
    await kubectlOk(['-n', NS, 'wait', '--for=condition=Ready', 'pod/web', 'pod/client', '--timeout=120s']);
  }, 700_000);

  afterAll(async () => {
    await run('bash', [clusterScript, 'down'], clusterEnv, '', 180_000);
  }, 200_000);

  it('registers the kind config nodes as real (not kwok) nodes with their labels and taint', async () => {
    const nodes = JSON.parse(await kubectlOk(['get', 'nodes', '-o', 'json'])) as {
      items: { metadata: { name: string; labels: Record<string, string>; annotations?: Record<string, string> }; spec: { taints?: { key: string }[] }; status: { nodeInfo: { containerRuntimeVersion: string; kubeletVersion: string } } }[];
    };
    const byName = new Map(nodes.items.map((n) => [n.metadata.name, n]));
    expect([...byName.keys()].sort()).toEqual(['k8s-course-control-plane', 'k8s-course-worker', 'k8s-course-worker2', 'k8s-course-worker3']);
    for (const n of nodes.items) {
      expect(n.metadata.annotations?.['kwok.x-k8s.io/node']).toBeUndefined();
      expect(n.status.nodeInfo.containerRuntimeVersion).toMatch(/^containerd:\/\//);
      expect(n.status.nodeInfo.kubeletVersion).toBe('v1.37.2');
    }
    const cp = byName.get('k8s-course-control-plane')!;
    expect(cp.metadata.labels).toMatchObject({ 'node-role.kubernetes.io/control-plane': '', 'ingress-ready': 'true', 'topology.kubernetes.io/zone': 'zone-a' });
    expect(cp.spec.taints?.map((t) => t.key)).toContain('node-role.kubernetes.io/control-plane');
    expect(byName.get('k8s-course-worker2')!.metadata.labels).toMatchObject({ disktype: 'ssd', 'topology.kubernetes.io/zone': 'zone-b' });
  });

  it('shows container logs and runs exec', async () => {
    expect(await kubectlOk(['-n', NS, 'logs', 'web'])).toContain('ready for start up');
    expect(await kubectlOk(['-n', NS, 'logs', 'client'])).toContain('client started');
    expect((await kubectlOk(['-n', NS, 'exec', 'client', '--', 'sh', '-c', 'echo $((6 * 7))'])).trim()).toBe('42');
  });

  it('resolves a Service by DNS and reaches its pod on another node', async () => {
    const nodeOf = async (pod: string) => (await kubectlOk(['-n', NS, 'get', 'pod', pod, '-o', 'jsonpath={.spec.nodeName}'])).trim();
    expect(await nodeOf('web')).toBe('k8s-course-worker');
    expect(await nodeOf('client')).toBe('k8s-course-worker2');
    const page = await eventually('the web Service by name', async () => {
      const r = await kubectl(['-n', NS, 'exec', 'client', '--', 'wget', '-qO-', '-T', '3', `http://web.${NS}.svc.cluster.local`]);
      return r.code === 0 ? r.stdout : undefined;
    }, 60_000);
    expect(page).toContain('Welcome to nginx!');
    // the access goes to nginx's stdout, so kubectl logs shows the client's request
    expect(await kubectlOk(['-n', NS, 'logs', 'web'])).toMatch(/"GET \/ HTTP\/1\.1" 200/);
  });

  it('enforces a NetworkPolicy (deny all ingress, then allow the client)', async () => {
    const fetchWeb = () => kubectl(['-n', NS, 'exec', 'client', '--', 'wget', '-qO-', '-T', '2', 'http://web']);
    const deny = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: deny, namespace: ${NS}}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
`;
    await kubectlOk(['apply', '-f', '-'], deny);
    await eventually('the deny policy to block traffic', async () => ((await fetchWeb()).code !== 0 ? true : undefined), 60_000);
    await kubectlOk(['apply', '-f', '-'], `${deny}  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: client}}\n`);
    await eventually('the allow rule to let the client in', async () => ((await fetchWeb()).code === 0 ? true : undefined), 60_000);
    await kubectlOk(['-n', NS, 'delete', 'networkpolicy', 'deny']);
  });

  it('serves resource metrics (metrics-server, kubectl top)', async () => {
    const top = await eventually('kubectl top pod', async () => {
      const r = await kubectl(['-n', NS, 'top', 'pod', 'web', '--no-headers']);
      return r.code === 0 ? r.stdout : undefined;
    }, 120_000);
    expect(top).toMatch(/^web\s+\d+m\s+\d+Mi/);
  });

  it('down leaves no process, mount, cgroup, network namespace or interface', async () => {
    await expectDownLeavesNothing(clusterScript, clusterEnv, runDir);
    // pod sandboxes' namespaces too (they are named cni-<uuid>, nothing of ours in the name)
    expect(namedNetns().filter((ns) => !netnsBefore.includes(ns))).toEqual([]);
  }, 200_000);
});
