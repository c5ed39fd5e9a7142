import { execFile } from 'node:child_process';
import type { Capabilities } from '../core/needs';
import { decideCapabilities, type ClusterObservations, type NodeObservation } from './capabilities-decide';
import { kubeRequest } from './http';
import { withNodeShell } from './node-shell';
import type { KubeTarget } from './types';

export { decideCapabilities, internetAllowed, isSimulatedNode, nodeKind, KWOK_ANNOTATION, type ClusterObservations } from './capabilities-decide';

/** Deployments whose readiness says an add-on is running. */
const ADDON_DEPLOYMENTS = ['istiod', 'vpa-recommender', 'keda-operator'] as const;

export interface DetectOptions {
  internet: boolean;
  /** Container names the docker CLI sees, or undefined without a reachable engine (replaceable in tests). */
  dockerContainers?: () => Promise<string[] | undefined>;
  timeoutMs?: number;
}

interface Item {
  metadata?: { name?: string; annotations?: Record<string, string>; ownerReferences?: { kind?: string }[] };
  spec?: { providerID?: string };
  status?: { conditions?: { type?: string; status?: string }[]; readyReplicas?: number; availableReplicas?: number };
}

const conditionTrue = (item: Item, type: string): boolean => item.status?.conditions?.some((c) => c.type === type && c.status === 'True') ?? false;

/**
 * `docker ps` names; undefined when docker is not installed or cannot reach an engine. A local process, no network.
 * `env` is the cells' environment: for the project's static-pod cluster its PATH starts with the node shell.
 */
export function dockerContainerNames(timeoutMs = 5000, env: NodeJS.ProcessEnv = process.env): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile('docker', ['ps', '--format', '{{.Names}}'], { timeout: timeoutMs, env }, (error, stdout) => {
      resolve(error ? undefined : stdout.split('\n').map((s) => s.trim()).filter(Boolean));
    });
  });
}

async function list(target: KubeTarget, path: string, timeoutMs: number, query?: Record<string, string>): Promise<Item[] | undefined> {
  try {
    const response = await kubeRequest(target, { method: 'GET', path, query, timeoutMs });
    return response.status < 300 ? ((response.body as { items?: Item[] }).items ?? []) : undefined;
  } catch {
    return undefined;
  }
}

/** What the cluster in `target` shows: nodes, served groups, available APIServices, add-on deployments. */
export async function observeCluster(target: KubeTarget, options: DetectOptions): Promise<ClusterObservations> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const groupsPromise = kubeRequest(target, { method: 'GET', path: '/apis', timeoutMs })
    .then((r) => (r.status < 300 ? ((r.body as { groups?: { name: string }[] }).groups ?? []).map((g) => g.name) : []))
    .catch(() => [] as string[]);
  const [nodes, groups, apiServices, deployments, docker, systemPods] = await Promise.all([
    list(target, '/api/v1/nodes', timeoutMs),
    groupsPromise,
    list(target, '/apis/apiregistration.k8s.io/v1/apiservices', timeoutMs),
    Promise.all(ADDON_DEPLOYMENTS.map((name) => list(target, '/apis/apps/v1/deployments', timeoutMs, { fieldSelector: `metadata.name=${name}` }))),
    (options.dockerContainers ?? (() => dockerContainerNames(5000, withNodeShell(process.env, target))))(),
    list(target, '/api/v1/namespaces/kube-system/pods', timeoutMs),
  ]);
  const prometheuses = groups.includes('monitoring.coreos.com') ? await list(target, '/apis/monitoring.coreos.com/v1/prometheuses', timeoutMs) : [];
  return {
    context: target.context,
    nodes: nodes?.map((n): NodeObservation => ({ name: n.metadata?.name ?? '', annotations: n.metadata?.annotations, providerID: n.spec?.providerID })),
    groups,
    availableApiServices: (apiServices ?? []).filter((s) => conditionTrue(s, 'Available')).map((s) => s.metadata?.name ?? ''),
    readyDeployments: deployments.flatMap((items, i) => ((items ?? []).some((d) => (d.status?.readyReplicas ?? 0) > 0) ? [ADDON_DEPLOYMENTS[i]!] : [])),
    prometheusRunning: (prometheuses ?? []).some((p) => conditionTrue(p, 'Available') || (p.status?.availableReplicas ?? 0) > 0),
    mirrorPods: systemPods?.filter((p) => p.metadata?.ownerReferences?.some((o) => o.kind === 'Node')).map((p) => p.metadata?.name ?? ''),
    dockerContainers: docker,
    internet: options.internet,
  };
}

/**
 * What the current cluster offers to cells (`needs=`): real or simulated nodes, kind node containers,
 * add-ons from API discovery; internet from configuration. Used by the notebook runner and the agent.
 */
export async function detectCapabilities(target: KubeTarget, options: DetectOptions): Promise<Capabilities> {
  return decideCapabilities(await observeCluster(target, options));
}
