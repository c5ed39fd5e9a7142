import { mapLimit } from './concurrency';
import { resourcePath } from './discovery';
import { kubeRequest } from './http';
import { isFoundationKind } from './apply';
import { baseResult, failed, headOf, isResult, settle } from './object';
import type { KubeObject, KubeTarget, ObjectOptions, ObjectResult } from './types';

const DEFAULT_CONCURRENCY = 8;

async function deleteOne(target: KubeTarget, object: KubeObject, opts: ObjectOptions): Promise<ObjectResult> {
  const head = await headOf(target, object, opts, false);
  if (isResult(head)) return head.reason === 'NoKindMatch' ? { ...head, status: 'not-found' } : head;
  const response = await kubeRequest(target, {
    method: 'DELETE',
    path: resourcePath(head.info, head.namespace, head.name),
    query: { propagationPolicy: 'Background', dryRun: opts.dryRun ? 'All' : undefined },
    timeoutMs: opts.timeoutMs,
  });
  const base = { ...baseResult(object), namespace: head.namespace, code: response.status, warnings: response.warnings };
  if (response.status === 404) return { ...base, status: 'not-found', message: '이미 없습니다.' };
  if (response.status >= 300) return failed(object, head, response, 'delete', target.user);
  return { ...base, status: 'deleted', message: opts.dryRun ? '서버 dry-run 통과: 삭제됩니다.' : '삭제했습니다 (하위 객체는 백그라운드에서 정리됩니다).' };
}

/**
 * Deletes each object (propagationPolicy=Background, so a Deployment's ReplicaSets
 * and Pods go too). Missing objects, and kinds the cluster does not serve, are
 * `not-found`, not errors: resetting a lab twice must be fine. Namespaces and CRDs go last.
 */
export async function deleteObjects(target: KubeTarget, objects: readonly KubeObject[], opts: ObjectOptions = {}): Promise<ObjectResult[]> {
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
