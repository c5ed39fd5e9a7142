/**
 * The static-pod control plane of real-node mode (`cluster.sh up --nodes real --control-plane static-pods`):
 * etcd, kube-apiserver, kube-controller-manager and kube-scheduler are static pods of k8s-course-control-plane
 * in the kubeadm layout, and `$RUN_DIR/bin/docker` is a node shell, so kind's `docker exec NODE ...` cells run.
 * This file starts its own cluster (own run dir and ports; K8S_COURSE_IT_STATIC_RUN_DIR and
 * K8S_COURSE_IT_STATIC_PORTS=etcd,peer,apiserver,kcm,scheduler,kwok override them) and stops it at the end.
 *
 * Runs only with K8S_COURSE_IT_STATIC=1 (the mode has not started once yet), and is skipped, with the
 * reason, on a machine that cannot run real nodes (`cluster.sh real-nodes-blocker`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeShellBin } from '../../src/kube/node-shell';
import { eventually as poll, runCommand, stdoutOf } from './process';
import { expectDownLeavesNothing } from './real-node-down';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const clusterScript = resolve(repoRoot, 'scripts', 'cluster', 'cluster.sh');
const cacheRoot = process.env.K8S_COURSE_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'k8s-course', 'cluster');
const runDir = process.env.K8S_COURSE_IT_STATIC_RUN_DIR ?? join(cacheRoot, 'run-it-static');
const [etcd, peer, apiserver, kcm, scheduler, kwok] = (process.env.K8S_COURSE_IT_STATIC_PORTS ?? '33790,33800,36443,30257,30259,30250').split(',');

const clusterEnv: NodeJS.ProcessEnv = {
  ...process.env,
  KUBECONFIG: '',
  K8S_COURSE_NODES: 'real',
  K8S_COURSE_CONTROL_PLANE: 'static-pods',
  K8S_COURSE_RUN_DIR: runDir,
  K8S_COURSE_CRDS: '0',
  K8S_COURSE_ETCD_PORT: etcd,
  K8S_COURSE_ETCD_PEER_PORT: peer,
  K8S_COURSE_APISERVER_PORT: apiserver,
  K8S_COURSE_KCM_PORT: kcm,
  K8S_COURSE_SCHEDULER_PORT: scheduler,
  K8S_COURSE_KWOK_PORT: kwok,
};

function blocker(): string {
  try {
    return execFileSync('bash', [clusterScript, 'real-nodes-blocker'], { env: clusterEnv, encoding: 'utf8' }).trim();
  } catch (err) {
    return `cluster.sh real-nodes-blocker failed: ${String(err)}`;
  }
}
// Opt-in until the mode has started once: its first run (2026-12-07) ended with the control-plane
// node's API server never listening (workers' kubelets: connection refused). K8S_COURSE_IT_STATIC=1 runs it.
const why = process.env.K8S_COURSE_IT_STATIC === '1' ? blocker() : 'K8S_COURSE_IT_STATIC=1 일 때만 실행합니다 (스태틱 파드 모드는 아직 한 번도 끝까지 뜨지 않았습니다)';
if (why) console.warn(`[static-pods] 건너뜀: ${why}`);

const run = runCommand;
const eventually = <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> => poll(what, check, timeoutMs, 1000);

let kubeconfig = '';
const cellEnv = (): NodeJS.ProcessEnv => ({ ...process.env, KUBECONFIG: kubeconfig, PATH: `${join(runDir, 'bin')}${delimiter}${process.env.PATH ?? ''}` });
const kubectl = (args: string[], input = '') => run('kubectl', args, cellEnv(), input);
const kubectlOk = async (args: string[], input = ''): Promise<string> => stdoutOf(`kubectl ${args.join(' ')}`, await kubectl(args, input));
/** `docker ...` as a cell runs it: the node shell found first on PATH. */
const docker = (args: string[], input = '') => run('docker', args, cellEnv(), input);
const dockerOk = async (args: string[], input = ''): Promise<string> => stdoutOf(`docker ${args.join(' ')}`, await docker(args, input));

const CP = 'k8s-course-control-plane';
const COMPONENTS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];
const readyOf = async (node: string) =>
  (await kubectl(['get', 'node', node, '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).stdout.trim();

describe.skipIf(why !== '')('static-pod control plane (cluster.sh up --nodes real --control-plane static-pods)', () => {
  beforeAll(async () => {
    const up = await run('bash', [clusterScript, 'up'], clusterEnv, '', 900_000);
    const match = /^export KUBECONFIG=(.+)$/m.exec(up.stdout);
    if (up.code !== 0 || !match?.[1]) throw new Error(`cluster.sh up --control-plane static-pods failed (${up.code}):\n${up.stderr.slice(-4000)}`);
    kubeconfig = match[1].trim();
  }, 1_000_000);

  afterAll(async () => {
    await run('bash', [clusterScript, 'down'], clusterEnv, '', 180_000);
  }, 200_000);

  it('shows the four control-plane mirror pods in kube-system, owned by the node', async () => {
    const pods = JSON.parse(await kubectlOk(['-n', 'kube-system', 'get', 'pods', '-o', 'json'])) as {
      items: { metadata: { name: string; annotations?: Record<string, string>; ownerReferences?: { kind: string; name: string }[] }; status: { phase: string } }[];
    };
    for (const c of COMPONENTS) {
      const pod = pods.items.find((p) => p.metadata.name === `${c}-${CP}`);
      expect(pod, `${c}-${CP}`).toBeDefined();
      expect(pod!.metadata.annotations?.['kubernetes.io/config.source']).toBe('file');
      expect(pod!.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: CP });
      expect(pod!.status.phase).toBe('Running');
    }
  });

  it('finds the node shell for this cluster only, and docker exec reads the node its own files', async () => {
    const server = (await kubectlOk(['config', 'view', '--minify', '-o', 'jsonpath={.clusters[0].cluster.server}'])).trim();
    expect(nodeShellBin(server, { KUBECONFIG: kubeconfig })).toBe(join(runDir, 'bin'));
    expect(nodeShellBin('https://127.0.0.1:6443', { KUBECONFIG: kubeconfig })).toBeUndefined();
    expect((await dockerOk(['ps', '--format', '{{.Names}}'])).split('\n').filter(Boolean)).toEqual([CP, 'k8s-course-worker', 'k8s-course-worker2', 'k8s-course-worker3']);
    const manifest = await dockerOk(['exec', CP, 'cat', '/etc/kubernetes/manifests/kube-scheduler.yaml']);
    expect(manifest).toContain('--kubeconfig=/etc/kubernetes/scheduler.conf');
    expect((await dockerOk(['exec', CP, 'ls', '/etc/kubernetes/pki/etcd'])).split('\n')).toEqual(expect.arrayContaining(['ca.crt', 'server.crt', 'peer.crt']));
    expect(await dockerOk(['exec', CP, 'grep', 'staticPodPath', '/var/lib/kubelet/config.yaml'])).toContain('/etc/kubernetes/manifests');
    // the node's /etc and /root are its own, not the machine's
    expect(existsSync('/etc/kubernetes/manifests/kube-scheduler.yaml')).toBe(false);
    expect((await dockerOk(['exec', 'k8s-course-worker', 'ls', '/etc/kubernetes/manifests'])).trim()).toBe('');
    expect(await dockerOk(['exec', CP, 'crictl', 'ps', '--name', 'kube-apiserver'])).toMatch(/Running\s+kube-apiserver/);
    const stdin = await dockerOk(['exec', '-i', 'k8s-course-worker', 'sh', '-c', 'cat > /tmp/it && cat /tmp/it'], 'hello node\n');
    expect(stdin).toBe('hello node\n');
    expect(existsSync('/tmp/it')).toBe(false);
    const unknown = await docker(['exec', 'no-such-node', 'true']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('No such container');
  });

  it('moving the scheduler manifest out removes its mirror pod, moving it back restores it', async () => {
    await dockerOk(['exec', CP, 'mv', '/etc/kubernetes/manifests/kube-scheduler.yaml', '/root/kube-scheduler.yaml']);
    await kubectlOk(['-n', 'kube-system', 'wait', '--for=delete', `pod/kube-scheduler-${CP}`, '--timeout=120s']);
    await dockerOk(['exec', CP, 'mv', '/root/kube-scheduler.yaml', '/etc/kubernetes/manifests/kube-scheduler.yaml']);
    await eventually('the scheduler mirror pod back', async () => ((await kubectl(['-n', 'kube-system', 'get', 'pod', `kube-scheduler-${CP}`])).code === 0 ? true : undefined));
    await kubectlOk(['-n', 'kube-system', 'wait', '--for=condition=Ready', `pod/kube-scheduler-${CP}`, '--timeout=120s']);
  }, 300_000);

  it('kubectl exec into the etcd pod runs etcdctl with the kubeadm certificates', async () => {
    const members = await kubectlOk(['-n', 'kube-system', 'exec', `etcd-${CP}`, '--', 'etcdctl', '--endpoints=https://127.0.0.1:2379',
      '--cacert=/etc/kubernetes/pki/etcd/ca.crt', '--cert=/etc/kubernetes/pki/etcd/server.crt', '--key=/etc/kubernetes/pki/etcd/server.key', 'member', 'list']);
    expect(members).toContain(CP);
    expect(await kubectlOk(['-n', 'kube-system', 'exec', `etcd-${CP}`, '--', 'etcdutl', 'version'])).toMatch(/etcdutl version: 3\.7\.3/);
  });

  it('systemctl stop kubelet on a worker makes the node NotReady, start brings it back', async () => {
    const node = 'k8s-course-worker3';
    await dockerOk(['exec', node, 'systemctl', 'stop', 'kubelet']);
    const inactive = await docker(['exec', node, 'systemctl', 'is-active', 'kubelet']);
    expect([inactive.code, inactive.stdout.trim()]).toEqual([3, 'inactive']);
    await eventually(`${node} NotReady`, async () => ((await readyOf(node)) !== 'True' ? true : undefined), 150_000);
    await dockerOk(['exec', node, 'systemctl', 'start', 'kubelet']);
    expect((await dockerOk(['exec', node, 'systemctl', 'is-active', 'kubelet'])).trim()).toBe('active');
    await eventually(`${node} Ready again`, async () => ((await readyOf(node)) === 'True' ? true : undefined), 120_000);
    expect((await dockerOk(['exec', node, 'journalctl', '-u', 'kubelet', '-n', '5', '--no-pager'])).trim().split('\n')).toHaveLength(5);
  }, 300_000);

  it('down leaves no process, mount, cgroup, network namespace or interface', async () => {
    await expectDownLeavesNothing(clusterScript, clusterEnv, runDir);
    expect(existsSync(runDir)).toBe(false);
  }, 200_000);
});
