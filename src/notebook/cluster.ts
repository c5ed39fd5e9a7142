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
}

/** No cluster at all: shell cells only (tests, and notebooks that never touch Kubernetes). */
export const noCluster: NotebookCluster = {
  prepareNamespace: async () => ({ created: false }),
  removeNamespace: async () => {},
};

/** The API server stopped answering: every later notebook would fail the same way. */
export class ClusterUnreachableError extends Error {
  override name = 'ClusterUnreachableError';
}
