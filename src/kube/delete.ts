import { mapLimit } from './concurrency';
import { resourcePath } from './discovery';
import { kubeRequest } from './http';
import { isFoundationKind } from './apply';
import { baseResult, failed, headOf, isResult, settle } from './object';
import type { DeleteOptions, KubeObject, KubeTarget, ObjectResult } from './types';

const DEFAULT_CONCURRENCY = 8;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the object is gone (404); false when it is still there at the deadline. */
async function waitGone(target: KubeTarget, path: string, opts: DeleteOptions): Promise<boolean> {
  const deadline = Date.now() + (opts.waitGoneMs ?? 0);
  for (;;) {
    const response = await kubeRequest(target, { method: 'GET', path, timeoutMs: opts.timeoutMs });
    if (response.status === 404) return true;
    if (Date.now() >= deadline) return false;
    await sleep(opts.pollMs ?? 500);
  }
}

async function deleteOne(target: KubeTarget, object: KubeObject, opts: DeleteOptions): Promise<ObjectResult> {
  const head = await headOf(target, object, opts, false);
  if (isResult(head)) return head.reason === 'NoKindMatch' ? { ...head, status: 'not-found' } : head;
  const path = resourcePath(head.info, head.namespace, head.name);
  const wait = !opts.dryRun && (opts.waitGoneMs ?? 0) > 0;
  const response = await kubeRequest(target, {
    method: 'DELETE',
    path,
    // Waiting: Foreground keeps the object until its dependents are gone, so "gone" means the Pods too.
    query: { propagationPolicy: wait ? 'Foreground' : 'Background', dryRun: opts.dryRun ? 'All' : undefined },
    timeoutMs: opts.timeoutMs,
  });
  const base = { ...baseResult(object), namespace: head.namespace, code: response.status, warnings: response.warnings };
  if (response.status === 404) return { ...base, status: 'not-found', message: '이미 없습니다.' };
  if (response.status >= 300) return failed(object, head, response, 'delete', target.user);
  if (opts.dryRun) return { ...base, status: 'deleted', message: '서버 dry-run 통과: 삭제됩니다.' };
  if (!wait) return { ...base, status: 'deleted', message: '삭제했습니다 (하위 객체는 백그라운드에서 정리됩니다).' };
  if (await waitGone(target, path, opts)) return { ...base, status: 'deleted', message: '삭제했고, 하위 객체까지 모두 사라졌습니다.' };
  return {
    ...base,
    status: 'deleted',
    message: `삭제를 요청했지만 ${Math.round((opts.waitGoneMs ?? 0) / 1000)}초 안에 사라지지 않았습니다. kubectl get ${head.info.resource} ${head.name}${head.namespace ? ` -n ${head.namespace}` : ''} -o yaml로 남은 finalizer를 확인하세요.`,
  };
}

/**
 * Deletes each object (propagationPolicy=Background, so a Deployment's ReplicaSets
 * and Pods go too). Missing objects, and kinds the cluster does not serve, are
 * `not-found`, not errors: resetting a lab twice must be fine. Namespaces and CRDs go last.
 */
export async function deleteObjects(target: KubeTarget, objects: readonly KubeObject[], opts: DeleteOptions = {}): Promise<ObjectResult[]> {
  const results = new Array<ObjectResult>(objects.length);
  const indexed = objects.map((object, index) => ({ object, index }));
  await mapLimit(
    indexed.filter(({ object }) => !isFoundationKind(object)),
    opts.concurrency ?? DEFAULT_CONCURRENCY,
    async ({ object, index }) => {
      results[index] = await settle(object, target.user, () => deleteOne(target, object, opts));
    },
  );
  for (const { object, index } of indexed.filter(({ object }) => isFoundationKind(object)).reverse()) {
    results[index] = await settle(object, target.user, () => deleteOne(target, object, opts));
  }
  return results;
}
