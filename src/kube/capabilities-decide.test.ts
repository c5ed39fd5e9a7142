import { describe, expect, it } from 'vitest';
import { decideCapabilities, type ClusterObservations } from './capabilities-decide';

const NODES = ['k8s-course-control-plane', 'k8s-course-worker'].map((name) => ({ name }));
const base = (over: Partial<ClusterObservations>): ClusterObservations => ({
  context: 'k8s-course-local',
  nodes: NODES,
  groups: [],
  availableApiServices: [],
  readyDeployments: [],
  prometheusRunning: false,
  internet: false,
  ...over,
});
const MIRRORS = ['etcd-k8s-course-control-plane', 'kube-apiserver-k8s-course-control-plane'];

describe('kind-node and kind-cluster', () => {
  it('the static-pod cluster: its node shell lists the nodes and mirror pods exist -> kind-node, not kind-cluster', () => {
    const caps = decideCapabilities(base({ dockerContainers: NODES.map((n) => n.name), mirrorPods: MIRRORS }));
    expect([caps.kindNode, caps.kindCluster]).toEqual([true, false]);
  });
  it('one control-plane mirror pod is enough (a lab moved the scheduler manifest out)', () => {
    expect(decideCapabilities(base({ dockerContainers: ['k8s-course-worker'], mirrorPods: ['etcd-k8s-course-control-plane'] })).kindNode).toBe(true);
  });
  it('process-mode control plane (no mirror pods) with a node shell: no kind-node', () => {
    expect(decideCapabilities(base({ dockerContainers: NODES.map((n) => n.name), mirrorPods: [] })).kindNode).toBe(false);
  });
  it('a mirror pod of another node name or component does not count', () => {
    const caps = decideCapabilities(base({ dockerContainers: NODES.map((n) => n.name), mirrorPods: ['etcd-elsewhere', 'static-web-k8s-course-worker'] }));
    expect(caps.kindNode).toBe(false);
  });
  it('mirror pods without a node shell: no kind-node', () => {
    expect(decideCapabilities(base({ dockerContainers: undefined, mirrorPods: MIRRORS })).kindNode).toBe(false);
  });
  it('kind: a kind-* context whose node containers docker runs -> both', () => {
    const caps = decideCapabilities(base({ context: 'kind-k8s-course', dockerContainers: ['k8s-course-worker', 'other'], mirrorPods: MIRRORS }));
    expect([caps.kindNode, caps.kindCluster]).toEqual([true, true]);
  });
  it('a kind-* context docker cannot see: neither', () => {
    const caps = decideCapabilities(base({ context: 'kind-k8s-course', dockerContainers: ['unrelated'], mirrorPods: MIRRORS }));
    expect([caps.kindNode, caps.kindCluster]).toEqual([false, false]);
  });
});
