import { kubeRequest } from './http';
import { sleep } from './sleep';
import type { KubeTarget } from './types';

interface CrdStatus {
  status?: { conditions?: { type: string; status: string; message?: string }[] };
}

/**
 * Waits until every named CRD reports Established (its API is served). Resolves with
 * the names that did not get there in time; an empty list means all are ready.
 */
export async function waitForCrdsEstablished(target: KubeTarget, names: readonly string[], timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let pending = [...new Set(names)];
  while (pending.length > 0) {
    const states = await Promise.all(
      pending.map(async (name) => {
        const response = await kubeRequest(target, {
          method: 'GET',
          path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${encodeURIComponent(name)}`,
        });
        const conditions = response.status === 200 ? (response.body as CrdStatus).status?.conditions ?? [] : [];
        return conditions.some((c) => c.type === 'Established' && c.status === 'True');
      }),
    );
    pending = pending.filter((_, i) => !states[i]);
    if (pending.length === 0 || Date.now() > deadline) break;
    await sleep(200);
  }
  return pending;
}
