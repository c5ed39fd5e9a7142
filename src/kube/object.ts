import { isBuiltInGroup, resolveResource, type ResourceInfo } from './discovery';
import { KubeUnreachableError, type KubeResponse } from './http';
import { missingKindMessage, missingNameMessage } from './messages';
import { failureFromResponse } from './status';
import type { KubeObject, KubeTarget, ObjectOptions, ObjectResult } from './types';

/** What every operation needs to know about one object before calling the API. */
export interface ObjectHead {
  apiVersion: string;
  kind: string;
  name: string;
  generateName?: string;
  /** Set only for namespaced kinds. */
  namespace?: string;
  info: ResourceInfo;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function metadataOf(object: KubeObject): Record<string, unknown> {
  return isRecord(object.metadata) ? object.metadata : {};
}

export function baseResult(object: KubeObject): Omit<ObjectResult, 'status' | 'message'> {
  const metadata = metadataOf(object);
  return {
    apiVersion: typeof object.apiVersion === 'string' ? object.apiVersion : '',
    kind: typeof object.kind === 'string' ? object.kind : '',
    name: typeof metadata.name === 'string' ? metadata.name : typeof metadata.generateName === 'string' ? metadata.generateName : '',
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    warnings: [],
  };
}

/** managedFields is bookkeeping of server-side apply: noise in every result and diff. */
export function withoutManagedFields(body: unknown): KubeObject | undefined {
  if (!isRecord(body)) return undefined;
  const metadata = isRecord(body.metadata) ? { ...body.metadata } : undefined;
  if (metadata) delete metadata.managedFields;
  return metadata ? { ...body, metadata } : { ...body };
}

/**
 * Resolves kind, scope and namespace, or says why the object cannot be sent:
 * no apiVersion/kind, no name, or a kind the cluster does not serve.
 */
export async function headOf(
  target: KubeTarget,
  object: KubeObject,
  opts: ObjectOptions,
  allowGenerateName: boolean,
): Promise<ObjectHead | ObjectResult> {
  const base = baseResult(object);
  if (!base.apiVersion || !base.kind) {
    return {
      ...base,
      status: 'invalid',
      reason: 'Invalid',
      message: 'apiVersion과 kind가 없어 쿠버네티스 객체가 아닙니다. 둘 다 쓰세요 (예: apiVersion: apps/v1, kind: Deployment).',
      causes: [{ field: base.apiVersion ? 'kind' : 'apiVersion', message: 'Required value' }],
    };
  }
  const metadata = metadataOf(object);
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  const generateName = typeof metadata.generateName === 'string' && metadata.generateName ? metadata.generateName : undefined;
  if (!name && !(allowGenerateName && generateName)) {
    return {
      ...base,
      status: 'invalid',
      reason: 'Invalid',
      message: missingNameMessage(base.kind),
      causes: [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }],
    };
  }
  const resolution = await resolveResource(target, base.apiVersion, base.kind);
  if (!resolution.found) {
    return {
      ...base,
      status: 'error',
      reason: 'NoKindMatch',
      message: missingKindMessage(base.apiVersion, base.kind, resolution.group, isBuiltInGroup(resolution.group)),
      causes: [{ field: 'apiVersion', message: `no matches for kind "${base.kind}" in version "${base.apiVersion}"` }],
    };
  }
  const namespace = resolution.info.namespaced
    ? (typeof metadata.namespace === 'string' && metadata.namespace) || opts.defaultNamespace || target.namespace
    : undefined;
  return { apiVersion: base.apiVersion, kind: base.kind, name, generateName, namespace, info: resolution.info };
}

export const isResult = (value: ObjectHead | ObjectResult): value is ObjectResult => 'status' in value;

/** A result for a non-2xx answer. */
export function failed(object: KubeObject, head: ObjectHead, response: KubeResponse, verb: string, user: string): ObjectResult {
  return {
    ...baseResult(object),
    name: head.name || head.generateName || '',
    namespace: head.namespace,
    warnings: response.warnings,
    ...failureFromResponse(response.status, response.body, { user, verb, resource: head.info.resource, namespace: head.namespace }),
  };
}

/**
 * Runs one object's operation so that nothing escapes as an exception: an
 * unreachable server becomes `unreachable`, a failed discovery an API failure,
 * anything else `error`. Callers can always show one result per object.
 */
export async function settle(object: KubeObject, user: string, operation: () => Promise<ObjectResult>): Promise<ObjectResult> {
  try {
    return await operation();
  } catch (error) {
    const base = baseResult(object);
    if (error instanceof KubeUnreachableError) {
      return { ...base, status: 'unreachable', reason: error.code, message: error.message };
    }
    const response = (error as { response?: KubeResponse }).response;
    if (response) {
      return {
        ...base,
        warnings: response.warnings,
        ...failureFromResponse(response.status, response.body, { user, verb: 'get', resource: 'discovery', namespace: undefined }),
      };
    }
    return { ...base, status: 'error', reason: 'ClientError', message: `예상하지 못한 오류입니다: ${(error as Error).message}` };
  }
}
