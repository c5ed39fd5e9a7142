import { mapLimit } from './concurrency';
import { forgetDiscovery, resourcePath } from './discovery';
import { kubeRequest } from './http';
import { waitForCrdsEstablished } from './crd';
import { baseResult, failed, headOf, isResult, settle, withoutManagedFields, type ObjectHead } from './object';
import type { ApplyOptions, KubeObject, KubeTarget, ObjectResult } from './types';

const DEFAULT_FIELD_MANAGER = 'k8s-course';
const DEFAULT_CONCURRENCY = 8;
const CRD_WAIT_MS = 60_000;

/** Kinds other objects live in or are typed by: they go first, one by one, like kubectl's order. */
export const isFoundationKind = (object: KubeObject): boolean =>
  (object.kind === 'Namespace' && object.apiVersion === 'v1') ||
  (object.kind === 'CustomResourceDefinition' && typeof object.apiVersion === 'string' && object.apiVersion.startsWith('apiextensions.k8s.io/'));

function applyQuery(opts: ApplyOptions): Record<string, string | undefined> {
  return {
    fieldManager: opts.fieldManager ?? DEFAULT_FIELD_MANAGER,
    force: opts.force ? 'true' : undefined,
    dryRun: opts.dryRun ? 'All' : undefined,
    fieldValidation: opts.strict === false ? 'Warn' : 'Strict',
  };
}

const resourceVersionOf = (body: unknown): string | undefined =>
  ((body as { metadata?: { resourceVersion?: string } } | undefined)?.metadata?.resourceVersion);

/** `generateName` objects cannot be applied (apply needs a name): they are created, like `kubectl create`. */
async function createGenerated(target: KubeTarget, object: KubeObject, head: ObjectHead, opts: ApplyOptions): Promise<ObjectResult> {
  const response = await kubeRequest(target, {
    method: 'POST',
    path: resourcePath(head.info, head.namespace),
    query: { fieldManager: applyQuery(opts).fieldManager, dryRun: applyQuery(opts).dryRun, fieldValidation: applyQuery(opts).fieldValidation },
    body: object,
    timeoutMs: opts.timeoutMs,
  });
  if (response.status >= 300) return failed(object, head, response, 'create', target.user);
  const created = withoutManagedFields(response.body);
  const name = (created?.metadata as { name?: string } | undefined)?.name ?? head.generateName ?? '';
  return {
    ...baseResult(object),
    name,
    namespace: head.namespace,
    status: opts.dryRun ? 'valid' : 'created',
    code: response.status,
    message: opts.dryRun ? '서버 dry-run 통과: generateName으로 새 이름을 받아 만들어집니다.' : `만들었습니다 (이름: ${name}).`,
    warnings: response.warnings,
    object: created,
  };
}

async function applyOne(target: KubeTarget, object: KubeObject, opts: ApplyOptions): Promise<ObjectResult> {
  const head = await headOf(target, object, opts, true);
  if (isResult(head)) return head;
  if (!head.name) return createGenerated(target, object, head, opts);
  const path = resourcePath(head.info, head.namespace, head.name);
  // A real apply answers 200 whether or not anything changed; the resourceVersion before tells which.
  const before = opts.dryRun ? undefined : await kubeRequest(target, { method: 'GET', path, timeoutMs: opts.timeoutMs });
  const response = await kubeRequest(target, {
    method: 'PATCH',
    path,
    query: applyQuery(opts),
    body: object,
    contentType: 'application/apply-patch+yaml',
    timeoutMs: opts.timeoutMs,
  });
  if (response.status >= 300) return failed(object, head, response, 'patch', target.user);
  const result: ObjectResult = {
    ...baseResult(object),
    namespace: head.namespace,
    code: response.status,
    warnings: response.warnings,
    object: withoutManagedFields(response.body),
    status: 'valid',
    message: '',
  };
  if (opts.dryRun) {
    result.message = response.status === 201 ? '서버 dry-run 통과: 새로 만들어집니다.' : '서버 dry-run 통과: 기존 객체에 적용됩니다.';
  } else if (response.status === 201 || before?.status === 404) {
    Object.assign(result, { status: 'created', message: '만들었습니다.' });
  } else if (resourceVersionOf(before?.body) === resourceVersionOf(response.body)) {
    Object.assign(result, { status: 'unchanged', message: '바뀐 것이 없습니다.' });
  } else {
    Object.assign(result, { status: 'configured', message: '변경을 적용했습니다.' });
  }
  return result;
}

/**
 * Server-side apply of each object (dry-run when asked), one result per object in
 * input order; API rejections are results, never exceptions. Namespaces and CRDs
 * go first; after real CRD applies the CRDs are waited for (Established) so custom
 * resources in the same call resolve.
 */
export async function applyObjects(target: KubeTarget, objects: readonly KubeObject[], opts: ApplyOptions = {}): Promise<ObjectResult[]> {
  const results = new Array<ObjectResult>(objects.length);
  const indexed = objects.map((object, index) => ({ object, index }));
  const foundation = indexed.filter(({ object }) => isFoundationKind(object));
  const rest = indexed.filter(({ object }) => !isFoundationKind(object));
  for (const { object, index } of foundation) {
    results[index] = await settle(object, target.user, () => applyOne(target, object, opts));
  }
  const crds = foundation
    .filter(({ object, index }) => object.kind === 'CustomResourceDefinition' && ['created', 'configured'].includes(results[index]!.status))
    .map(({ object }) => String((object.metadata as { name?: string } | undefined)?.name ?? ''));
  if (crds.length > 0 && !opts.dryRun) {
    await waitForCrdsEstablished(target, crds, CRD_WAIT_MS).catch(() => undefined);
    forgetDiscovery(target);
  }
  await mapLimit(rest, opts.concurrency ?? DEFAULT_CONCURRENCY, async ({ object, index }) => {
    results[index] = await settle(object, target.user, () => applyOne(target, object, opts));
  });
  return results;
}
