import { mapLimit } from './concurrency';
import { resourcePath } from './discovery';
import { kubeRequest } from './http';
import { isFoundationKind } from './apply';
import { goneUnverifiedMessage } from './messages';
import { baseResult, failed, headOf, isResult, settle } from './object';
import { sleep } from './sleep';
import type { DeleteOptions, KubeObject, KubeTarget, ObjectResult } from './types';

const DEFAULT_CONCURRENCY = 8;
const GONE_POLL_MS = 250;

const uidOf = (body: unknown): string | undefined => {
  const metadata = (body as { metadata?: { uid?: unknown } } | undefined)?.metadata;
  return typeof metadata?.uid === 'string' ? metadata.uid : undefined;
};

type GoneWait = { outcome: 'gone' } | { outcome: 'timeout' } | { outcome: 'unreadable'; code: number };

/**
 * 'gone' once the object is 404 or replaced by a new one with another UID; 'timeout' when `waitMs` ran out.
 * A 401/403 on GET (RBAC that allows delete but not get) will not change while we wait, so it ends the wait
 * at once as 'unreadable'; other errors (5xx, 429) are transient and polled through.
 */
async function waitGone(target: KubeTarget, path: string, uid: string | undefined, waitMs: number, requestMs: number | undefined): Promise<GoneWait> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const response = await kubeRequest(target, { method: 'GET', path, timeoutMs: requestMs });
    if (response.status === 404) return { outcome: 'gone' };
    if (response.status < 300 && uid && uidOf(response.body) !== uid) return { outcome: 'gone' };
    if (response.status === 401 || response.status === 403) return { outcome: 'unreadable', code: response.status };
    if (Date.now() + GONE_POLL_MS > deadline) return { outcome: 'timeout' };
    await sleep(GONE_POLL_MS);
  }
}

async function deleteOne(target: KubeTarget, object: KubeObject, opts: DeleteOptions): Promise<ObjectResult> {
  const head = await headOf(target, object, opts, false);
  if (isResult(head)) return head.reason === 'NoKindMatch' ? { ...head, status: 'not-found' } : head;
  const path = resourcePath(head.info, head.namespace, head.name);
  const response = await kubeRequest(target, {
    method: 'DELETE',
    path,
    query: { propagationPolicy: 'Background', dryRun: opts.dryRun ? 'All' : undefined },
    timeoutMs: opts.timeoutMs,
  });
  const base = { ...baseResult(object), namespace: head.namespace, code: response.status, warnings: response.warnings };
  if (response.status === 404) return { ...base, status: 'not-found', message: '이미 없습니다.' };
  if (response.status >= 300) return failed(object, head, response, 'delete', target.user);
  if (opts.dryRun) return { ...base, status: 'deleted', message: '서버 dry-run 통과: 삭제됩니다.' };
  if (opts.waitGoneMs && !isFoundationKind(object)) {
    const wait = await waitGone(target, path, uidOf(response.body), opts.waitGoneMs, opts.timeoutMs);
    if (wait.outcome === 'unreadable') {
      return { ...base, status: 'deleted', message: goneUnverifiedMessage(target.user, head.info.resource, head.namespace, wait.code) };
    }
    if (wait.outcome === 'timeout') {
      return {
        ...base,
        status: 'deleted',
        message: `삭제를 요청했지만 ${Math.round(opts.waitGoneMs / 1000)}초 안에 사라지지 않았습니다(종료 중이거나 finalizer가 남아 있음). kubectl get ${head.info.resource} ${head.name}${head.namespace ? ` -n ${head.namespace}` : ''} -o yaml로 확인하세요.`,
      };
    }
    return { ...base, status: 'deleted', message: '삭제했고, 사라진 것까지 확인했습니다 (하위 객체는 백그라운드에서 정리됩니다).' };
  }
  return { ...base, status: 'deleted', message: '삭제했습니다 (하위 객체는 백그라운드에서 정리됩니다).' };
}

/**
 * Deletes each object (propagationPolicy=Background, so a Deployment's ReplicaSets
 * and Pods go too). Missing objects, and kinds the cluster does not serve, are
 * `not-found`, not errors: resetting a lab twice must be fine. Namespaces and CRDs go last.
 * With `waitGoneMs`, each other object is also waited for until it is gone, as `kubectl delete` does.
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
