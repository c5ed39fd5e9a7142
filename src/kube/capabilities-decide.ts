/**
 * From what the cluster and the machine showed to what they offer (`Capabilities`). Pure, so the decision is
 * tested without a cluster; src/kube/capabilities.ts gathers the observations.
 */
import { NO_ADDONS, type Capabilities, type NodeKind } from '../core/needs';

export interface NodeObservation {
  name: string;
  annotations?: Record<string, string>;
  providerID?: string;
}

export interface ClusterObservations {
  context: string;
  /** Undefined when the nodes could not be listed (RBAC, unreachable). */
  nodes?: NodeObservation[];
  /** API groups the server serves (`/apis`). */
  groups: readonly string[];
  /** APIService names whose Available condition is True (`v1beta1.metrics.k8s.io`). */
  availableApiServices: readonly string[];
  /** Names of Deployments with at least one ready replica, among the add-ons' own (istiod, vpa-recommender, keda-operator). */
  readyDeployments: readonly string[];
  /** A Prometheus object (monitoring.coreos.com) reports Available or available replicas. */
  prometheusRunning: boolean;
  /**
   * Names of kube-system pods that are mirror pods of static pods (owned by a Node), e.g.
   * `etcd-k8s-course-control-plane`; undefined when they could not be listed.
   */
  mirrorPods?: readonly string[];
  /**
   * Container names the `docker` CLI listed; undefined when docker is missing or cannot reach an engine.
   * On the project's static-pod cluster `docker` is its node shell ($RUN_DIR/bin/docker), listing the nodes.
   */
  dockerContainers?: readonly string[];
  /** Configured, never probed (see internetAllowed). */
  internet: boolean;
}

/** kwok's own marker, set by scripts/cluster on the nodes it makes (`kwok.x-k8s.io/node: fake`). */
export const KWOK_ANNOTATION = 'kwok.x-k8s.io/node';

export const isSimulatedNode = (node: NodeObservation): boolean => node.annotations?.[KWOK_ANNOTATION] === 'fake';

export function nodeKind(nodes: readonly NodeObservation[] | undefined): NodeKind {
  if (!nodes) return 'unknown';
  if (nodes.length === 0) return 'none';
  const simulated = nodes.filter(isSimulatedNode).length;
  if (simulated === nodes.length) return 'simulated';
  return simulated === 0 ? 'real' : 'mixed';
}

/** The kubeadm control plane's static pods; their mirror pods are named `<component>-<node>`. */
export const CONTROL_PLANE_PODS = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;

export function decideCapabilities(obs: ClusterObservations): Capabilities {
  const nodes = nodeKind(obs.nodes);
  const names = new Set(obs.nodes?.map((n) => n.name) ?? []);
  // A node shell: `docker ps` lists this cluster's nodes (kind's node containers, or the static-pod cluster's shell).
  const nodeShell = (obs.dockerContainers ?? []).some((name) => names.has(name));
  const kindCluster = obs.context.startsWith('kind-') && nodeShell;
  // Static pods: a control-plane mirror pod, by observation, so any kubeadm-like cluster with a node shell offers it.
  // One is enough: a lab may have moved the scheduler's manifest out when capabilities are looked at again.
  const staticControlPlane = (obs.mirrorPods ?? []).some((pod) => CONTROL_PLANE_PODS.some((c) => pod.startsWith(`${c}-`) && names.has(pod.slice(c.length + 1))));
  const kindNode = nodeShell && (kindCluster || staticControlPlane);
  const served = new Set(obs.groups);
  const api = new Set(obs.availableApiServices);
  const ready = new Set(obs.readyDeployments);
  return {
    nodes,
    // Mixed clusters: a pod may land on a kwok node, so a cell that needs containers is not safe there.
    containers: nodes === 'real',
    internet: obs.internet,
    kindNode,
    kindCluster,
    addons: {
      ...NO_ADDONS,
      'metrics-server': api.has('v1beta1.metrics.k8s.io'),
      'prometheus-adapter': api.has('v1beta1.custom.metrics.k8s.io'),
      prometheus: served.has('monitoring.coreos.com') && obs.prometheusRunning,
      keda: served.has('keda.sh') && ready.has('keda-operator'),
      vpa: served.has('autoscaling.k8s.io') && ready.has('vpa-recommender'),
      istio: ready.has('istiod'),
    },
    context: obs.context,
    source: '감지함',
  };
}

const truthy = new Set(['1', 'true', 'yes', 'on']);
const falsy = new Set(['0', 'false', 'no', 'off']);

/**
 * Whether cells may use the internet. Never probed (this must not send traffic to outside hosts to find
 * out): K8S_COURSE_INTERNET=0/1 or --no-internet say it; otherwise yes on a learner's machine, no in CI.
 */
export function internetAllowed(options: { env?: string; noInternetFlag?: boolean; ci?: boolean }): boolean {
  if (options.noInternetFlag) return false;
  const value = options.env?.trim().toLowerCase();
  if (value && truthy.has(value)) return true;
  if (value && falsy.has(value)) return false;
  return !options.ci;
}
