/**
 * Integration tests against a real Kubernetes API server: the local control plane of
 * scripts/cluster/cluster.sh (kwok fake nodes) or, when KUBECONFIG is set, any cluster with the
 * course's layout (kind with scripts/cluster/kind-config.yaml and the CRD catalog installed).
 * Needs the global setup test/setup/cluster-global-setup.ts and kubectl on PATH.
 *
 * Every test works in its own namespace and deletes it afterwards.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { eventually, runCommand, stdoutOf, type CommandResult } from './process';

function kubeconfig(): string {
  const path = process.env.KUBECONFIG ?? inject('kubeconfig');
  if (!path) throw new Error('no KUBECONFIG: run with --globalSetup test/setup/cluster-global-setup.ts');
  return path;
}

/** Runs kubectl; never throws on a non-zero exit (look at `code`). */
const kubectl = (args: string[], input?: string, timeoutMs = 120_000): Promise<CommandResult> =>
  runCommand('kubectl', args, { ...process.env, KUBECONFIG: kubeconfig() }, input ?? '', timeoutMs);

/** Runs kubectl and returns stdout; throws with stderr when it fails. */
const kubectlOk = async (args: string[], input?: string): Promise<string> => stdoutOf(`kubectl ${args.join(' ')}`, await kubectl(args, input));

const namespaces: string[] = [];

/** Creates a fresh namespace and waits for its default ServiceAccount (made by the controller manager). */
async function newNamespace(prefix: string): Promise<string> {
  const ns = `it-${prefix}-${randomBytes(3).toString('hex')}`;
  namespaces.push(ns);
  await kubectlOk(['create', 'namespace', ns]);
  await eventually(`ServiceAccount default in ${ns}`, async () =>
    (await kubectl(['-n', ns, 'get', 'serviceaccount', 'default'])).code === 0 ? true : undefined,
  );
  return ns;
}

afterEach(async () => {
  const toDelete = namespaces.splice(0);
  await Promise.all(
    toDelete.map((ns) => kubectl(['delete', 'namespace', ns, '--wait=false', '--ignore-not-found'])),
  );
});

interface PodSummary {
  name: string;
  phase: string;
  image: string;
  node: string;
  deleting: boolean;
}

async function pods(ns: string, selector: string): Promise<PodSummary[]> {
  const out = await kubectlOk(['-n', ns, 'get', 'pods', '-l', selector, '-o', 'json']);
  const list = JSON.parse(out) as {
    items: {
      metadata: { name: string; deletionTimestamp?: string };
      spec: { nodeName?: string; containers: { image: string }[] };
      status: { phase?: string };
    }[];
  };
  return list.items.map((p) => ({
    name: p.metadata.name,
    phase: p.status.phase ?? '',
    image: p.spec.containers[0]?.image ?? '',
    node: p.spec.nodeName ?? '',
    deleting: p.metadata.deletionTimestamp !== undefined,
  }));
}

const PAUSE = 'registry.k8s.io/pause:3.10';
const PAUSE_OLD = 'registry.k8s.io/pause:3.9';

function deployment(ns: string, image: string): string {
  return `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: ${image}
        resources:
          requests: {cpu: 10m, memory: 16Mi}
`;
}

describe('course cluster', { timeout: 240_000 }, () => {
  it('has the four course nodes with their labels, all Ready', async () => {
    const out = await kubectlOk(['get', 'nodes', '-o', 'json']);
    const nodes = JSON.parse(out) as {
      items: {
        metadata: { name: string; labels: Record<string, string> };
        spec: { taints?: { key: string; effect: string }[] };
        status: { conditions: { type: string; status: string }[] };
      }[];
    };
    const byName = new Map(nodes.items.map((n) => [n.metadata.name, n]));
    const expected: Record<string, Record<string, string>> = {
      'k8s-course-control-plane': { 'node-role.kubernetes.io/control-plane': '', 'topology.kubernetes.io/zone': 'zone-a' },
      'k8s-course-worker': { 'node-type': 'cpu-optimized', 'topology.kubernetes.io/zone': 'zone-a' },
      'k8s-course-worker2': { disktype: 'ssd', 'topology.kubernetes.io/zone': 'zone-b' },
      'k8s-course-worker3': { disktype: 'hdd', 'topology.kubernetes.io/zone': 'zone-c' },
    };
    for (const [name, labels] of Object.entries(expected)) {
      const node = byName.get(name);
      expect(node, `node ${name}`).toBeDefined();
      expect(node?.metadata.labels).toMatchObject({ ...labels, 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' });
      expect(node?.status.conditions.find((c) => c.type === 'Ready')?.status).toBe('True');
    }
    expect(byName.get('k8s-course-control-plane')?.spec.taints).toContainEqual({
      key: 'node-role.kubernetes.io/control-plane',
      effect: 'NoSchedule',
    });
  });

  it('runs a Deployment of 3 replicas and rolls it out to a new image', async () => {
    const ns = await newNamespace('deploy');
    await kubectlOk(['apply', '-f', '-'], deployment(ns, PAUSE_OLD));
    await kubectlOk(['-n', ns, 'rollout', 'status', 'deployment/web', '--timeout=120s']);
    await eventually('3 Running pods', async () => {
      const list = (await pods(ns, 'app=web')).filter((p) => !p.deleting);
      return list.length === 3 && list.every((p) => p.phase === 'Running' && p.image === PAUSE_OLD) ? list : undefined;
    });

    await kubectlOk(['-n', ns, 'set', 'image', 'deployment/web', `app=${PAUSE}`]);
    await kubectlOk(['-n', ns, 'rollout', 'status', 'deployment/web', '--timeout=120s']);
    const after = await eventually('3 Running pods of the new image, old ones gone', async () => {
      const list = await pods(ns, 'app=web');
      return list.length === 3 && list.every((p) => p.phase === 'Running' && p.image === PAUSE && !p.deleting)
        ? list
        : undefined;
    });
    expect(after).toHaveLength(3);
    const status = JSON.parse(await kubectlOk(['-n', ns, 'get', 'deployment', 'web', '-o', 'jsonpath={.status}'])) as {
      updatedReplicas?: number;
      availableReplicas?: number;
    };
    expect(status).toMatchObject({ updatedReplicas: 3, availableReplicas: 3 });
    const revisions = await kubectlOk(['-n', ns, 'rollout', 'history', 'deployment/web']);
    expect(revisions).toMatch(/^2\s/m);
  });

  it('schedules a pod with nodeAffinity disktype=ssd onto k8s-course-worker2', async () => {
    const ns = await newNamespace('affinity');
    await kubectlOk(
      ['apply', '-f', '-'],
      `
apiVersion: v1
kind: Pod
metadata:
  name: fast-disk
  namespace: ${ns}
  labels: {app: fast-disk}
spec:
  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchExpressions:
          - {key: disktype, operator: In, values: [ssd]}
  containers:
  - name: app
    image: ${PAUSE}
`,
    );
    await kubectlOk(['-n', ns, 'wait', '--for=condition=Ready', 'pod/fast-disk', '--timeout=120s']);
    const node = await kubectlOk(['-n', ns, 'get', 'pod', 'fast-disk', '-o', 'jsonpath={.spec.nodeName}']);
    expect(node).toBe('k8s-course-worker2');
  });

  it('completes a Job', async () => {
    const ns = await newNamespace('job');
    await kubectlOk(
      ['apply', '-f', '-'],
      `
apiVersion: batch/v1
kind: Job
metadata:
  name: once
  namespace: ${ns}
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1.36
        command: ["sh", "-c", "echo done"]
`,
    );
    await kubectlOk(['-n', ns, 'wait', '--for=condition=complete', 'job/once', '--timeout=150s']);
  });

  it('binds a PersistentVolumeClaim of the default StorageClass "standard" when a pod uses it', async () => {
    const ns = await newNamespace('pvc');
    const sc = await kubectlOk(['get', 'storageclass', 'standard', '-o', 'json']);
    expect(JSON.parse(sc)).toMatchObject({
      metadata: { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    });
    await kubectlOk(
      ['apply', '-f', '-'],
      `
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
  namespace: ${ns}
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests: {storage: 1Gi}
---
apiVersion: v1
kind: Pod
metadata:
  name: writer
  namespace: ${ns}
spec:
  nodeSelector: {disktype: hdd}
  containers:
  - name: app
    image: ${PAUSE}
    volumeMounts:
    - {name: data, mountPath: /data}
  volumes:
  - name: data
    persistentVolumeClaim: {claimName: data}
`,
    );
    await kubectlOk(['-n', ns, 'wait', '--for=jsonpath={.status.phase}=Bound', 'pvc/data', '--timeout=120s']);
    await kubectlOk(['-n', ns, 'wait', '--for=condition=Ready', 'pod/writer', '--timeout=120s']);
    const node = await kubectlOk(['-n', ns, 'get', 'pod', 'writer', '-o', 'jsonpath={.spec.nodeName}']);
    expect(node).toBe('k8s-course-worker3');
  });

  it('accepts a VerticalPodAutoscaler, an HTTPRoute and a ServiceMonitor (server dry-run, strict)', async () => {
    const ns = await newNamespace('crds');
    const manifests = `
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web
  namespace: ${ns}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  updatePolicy: {updateMode: "Off"}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: ${ns}
spec:
  parentRefs:
  - name: course-gateway
  hostnames: ["web.example.com"]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /}
    backendRefs:
    - {name: web, port: 80}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: web
  namespace: ${ns}
spec:
  selector:
    matchLabels: {app: web}
  endpoints:
  - {port: http, interval: 30s}
`;
    const out = await kubectlOk(['apply', '--dry-run=server', '--validate=strict', '-f', '-'], manifests);
    expect(out).toMatch(/verticalpodautoscaler.*web created \(server dry run\)/);
    expect(out).toMatch(/httproute.*web created \(server dry run\)/);
    expect(out).toMatch(/servicemonitor.*web created \(server dry run\)/);
    // a dry run stores nothing
    const get = await kubectl(['-n', ns, 'get', 'httproute', 'web']);
    expect(get.code).not.toBe(0);
    expect(get.stderr).toMatch(/NotFound|not found/);
  });

  it('rejects unknown fields with --validate=strict and schema violations always (server side)', async () => {
    const ns = await newNamespace('strict');
    const typo = await kubectl(
      ['apply', '--dry-run=server', '--validate=strict', '-f', '-'],
      `
apiVersion: autoscaling.k8s.io/v1
kind: VerticalPodAutoscaler
metadata:
  name: web
  namespace: ${ns}
spec:
  targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  updatePolicy: {updateMod: "Off"}
`,
    );
    expect(typo.code).not.toBe(0);
    expect(typo.stderr).toMatch(/unknown field "spec\.updatePolicy\.updateMod"/);

    const builtin = await kubectl(
      ['apply', '--dry-run=server', '--validate=strict', '-f', '-'],
      deployment(ns, PAUSE).replace('replicas: 3', 'replica: 3'),
    );
    expect(builtin.code).not.toBe(0);
    expect(builtin.stderr).toMatch(/unknown field "spec\.replica"/);

    const badEnum = await kubectl(
      ['apply', '--dry-run=server', '-f', '-'],
      `
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
  namespace: ${ns}
spec:
  rules:
  - matches:
    - path: {type: Prefix, value: /}
`,
    );
    expect(badEnum.code).not.toBe(0);
    expect(badEnum.stderr).toMatch(/Unsupported value: "Prefix"/);
  });

  it('enforces RBAC: a user without bindings is Forbidden until a RoleBinding allows it', async () => {
    const ns = await newNamespace('rbac');
    const canI = await kubectl(['auth', 'can-i', 'list', 'pods', '-n', ns, '--as=jane']);
    expect(canI.stdout.trim()).toBe('no');

    const denied = await kubectl(['-n', ns, 'get', 'pods', '--as=jane']);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/Forbidden/);
    expect(denied.stderr).toMatch(/User "jane" cannot list resource "pods"/);

    const sa = await kubectl(['-n', ns, 'get', 'secrets', `--as=system:serviceaccount:${ns}:default`]);
    expect(sa.code).not.toBe(0);
    expect(sa.stderr).toMatch(/Forbidden/);

    await kubectlOk(['-n', ns, 'create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods']);
    await kubectlOk(['-n', ns, 'create', 'rolebinding', 'jane-reads-pods', '--role=pod-reader', '--user=jane']);
    await eventually('jane may list pods', async () =>
      (await kubectl(['-n', ns, 'get', 'pods', '--as=jane'])).code === 0 ? true : undefined,
    );
    // the Role grants reading pods only
    const stillDenied = await kubectl(['-n', ns, 'create', 'configmap', 'notes', '--as=jane']);
    expect(stillDenied.code).not.toBe(0);
    expect(stillDenied.stderr).toMatch(/User "jane" cannot create resource "configmaps"/);
    expect((await kubectl(['auth', 'can-i', 'delete', 'pods', '-n', ns, '--as=jane'])).stdout.trim()).toBe('no');
  });
});
