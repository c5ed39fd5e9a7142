import type { InventoryItem } from '../kube/inventory';
import type { KubeTarget } from '../kube/types';
import type { KubeOperations } from '../runner';

/** What the notebook runner needs from a cluster; a fake one lets bash-only notebooks run in unit tests. */
export interface NotebookCluster {
  /** For manifest cells. */
  target?: KubeTarget;
  kube?: KubeOperations;
  /** Makes sure the namespace exists and is usable; `created` when this call made it. */
  prepareNamespace(name: string): Promise<{ created: boolean }>;
  /** Deletes the namespace and waits until it is gone. */
  removeNamespace(name: string): Promise<void>;
  /** Every object of the cluster, for the leak check; absent: no leak check. */
  inventory?(): Promise<InventoryItem[]>;
  /**
   * After a cell failed: is the API server still there? False only when it missed /readyz twice, so
   * one slow answer does not end a run. Absent: never asked (no cluster).
   */
  reachable?(): Promise<boolean>;
}

/** The one message of a run whose API server went away in the middle of a notebook. */
export const CLUSTER_GONE_MESSAGE =
  'API 서버가 /readyz에 두 번 연속 응답하지 않아 클러스터가 멈췄거나 사라진 것으로 보고 실행을 멈춥니다. ' +
  '남은 셀과 정리 셀은 실행하지 않았습니다. 로컬 클러스터라면 scripts/cluster/cluster.sh status로 확인하고 다시 시작한 뒤 실행하세요.';

/** No cluster at all: shell cells only (tests, and notebooks that never touch Kubernetes). */
export const noCluster: NotebookCluster = {
  prepareNamespace: async () => ({ created: false }),
  removeNamespace: async () => {},
};

/** The API server stopped answering: every later notebook would fail the same way. */
export class ClusterUnreachableError extends Error {
  override name = 'ClusterUnreachableError';
}
