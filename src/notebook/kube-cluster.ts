import { clusterInventory, ensureNamespaces, kubeRequest, KubeUnreachableError, type KubeTarget } from '../kube';
import { CHURN_RESOURCES } from './leaks';
import { ClusterUnreachableError, type NotebookCluster } from './cluster';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface KubeClusterOptions {
  /** How long to wait for a Terminating namespace to go, and for ours to be deleted (default 120 s). */
  namespaceWaitMs?: number;
  pollMs?: number;
}

/** The real cluster, through src/kube. */
export function kubeCluster(target: KubeTarget, options: KubeClusterOptions = {}): NotebookCluster {
  const waitMs = options.namespaceWaitMs ?? 120_000;
  const pollMs = options.pollMs ?? 500;

  const phaseOf = async (name: string): Promise<'missing' | 'Active' | 'Terminating'> => {
    const response = await kubeRequest(target, { method: 'GET', path: `/api/v1/namespaces/${name}` });
    if (response.status === 404) return 'missing';
    if (response.status >= 300) throw new Error(`네임스페이스 ${name}를 조회하지 못했습니다 (HTTP ${response.status}). 권한과 클러스터 상태를 확인하세요.`);
    const phase = (response.body as { status?: { phase?: string } }).status?.phase;
    return phase === 'Terminating' ? 'Terminating' : 'Active';
  };

  const waitGone = async (name: string): Promise<void> => {
    const deadline = Date.now() + waitMs;
    while ((await phaseOf(name)) !== 'missing') {
      if (Date.now() > deadline) {
        throw new Error(
          `네임스페이스 ${name}가 ${Math.round(waitMs / 1000)}초가 지나도 지워지지 않았습니다. kubectl get namespace ${name} -o yaml로 남은 finalizer를 확인하세요.`,
        );
      }
      await sleep(pollMs);
    }
  };

  /** Pods cannot be created before the controller manager has made the `default` ServiceAccount. */
  const waitDefaultServiceAccount = async (name: string): Promise<void> => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const response = await kubeRequest(target, { method: 'GET', path: `/api/v1/namespaces/${name}/serviceaccounts/default` });
      if (response.status < 300 || Date.now() > deadline) return;
      await sleep(pollMs);
    }
  };

  const explain = (error: unknown): Error =>
    error instanceof KubeUnreachableError ? new ClusterUnreachableError(error.message) : error instanceof Error ? error : new Error(String(error));

  return {
    target,
    inventory: () => clusterInventory(target, { skipResources: CHURN_RESOURCES }),
    async prepareNamespace(name) {
      try {
        const phase = await phaseOf(name);
        if (phase === 'Active') return { created: false };
        // Left Terminating by a previous run's cleanup: creating objects in it would fail.
        if (phase === 'Terminating') await waitGone(name);
        const [result] = await ensureNamespaces(target, [name]);
        if (result && result.status !== 'created' && result.status !== 'unchanged') throw new Error(result.message);
        await waitDefaultServiceAccount(name);
        return { created: result?.status === 'created' };
      } catch (error) {
        throw explain(error);
      }
    },
    async removeNamespace(name) {
      try {
        const response = await kubeRequest(target, { method: 'DELETE', path: `/api/v1/namespaces/${name}` });
        if (response.status >= 300 && response.status !== 404 && response.status !== 409) {
          throw new Error(`네임스페이스 ${name}를 지우지 못했습니다 (HTTP ${response.status}).`);
        }
        await waitGone(name);
      } catch (error) {
        throw explain(error);
      }
    },
  };
}
