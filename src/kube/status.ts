import {
  conflictMessage,
  forbiddenMessage,
  invalidMessage,
  namespaceMissingMessage,
  serverTimeoutMessage,
} from './messages';
import type { ObjectResult, StatusCause } from './types';

/** The `Status` object the API server sends with a failure. */
export interface ApiStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] };
}

export const isApiStatus = (body: unknown): body is ApiStatus =>
  typeof body === 'object' && body !== null && (body as ApiStatus).kind === 'Status';

/**
 * Field paths hidden in messages rather than in details.causes: strict decoding
 * (`unknown field "spec.replica"`, `duplicate field "x"`) and server-side apply's
 * typed-patch errors, one or a list (`errors:\n  .spec.replica: field not declared in schema`,
 * with list items as `containers[name="a"]`).
 */
export function causesFromMessage(message: string): StatusCause[] {
  const causes: StatusCause[] = [];
  const add = (field: string, text: string): void => {
    if (!causes.some((cause) => cause.field === field)) causes.push({ field, message: text, reason: 'FieldValueInvalid' });
  };
  for (const match of message.matchAll(/(unknown|duplicate) field "([^"]+)"/g)) add(match[2]!, `${match[1]} field "${match[2]}"`);
  const typed = TYPED_PATCH.exec(message);
  if (typed) {
    const body = typed[1]!.trim();
    const lines = body.startsWith('errors:') ? body.split('\n').slice(1) : [body];
    for (const line of lines) {
      const match = /^\s*\.((?:[^:[\s]|\[[^\]]*\])+): (.*)$/.exec(line);
      if (match) add(match[1]!, line.trim());
    }
  }
  return causes;
}

/** Server-side apply reports schema mismatches as HTTP 500 with this text rather than 400 (kubernetes/kubernetes#122480, #139253). */
const TYPED_PATCH = /failed to create typed patch object \([^)]*\): ([\s\S]*)$/;

export const isTypedPatchError = (message: string | undefined): boolean => TYPED_PATCH.test(message ?? '');

export function causesOf(status: ApiStatus): StatusCause[] {
  const listed = (status.details?.causes ?? [])
    .filter((cause) => cause.message || cause.field)
    // A note that CEL rules were skipped because of the other causes; not a problem of its own.
    .filter((cause) => !/some validation rules were not checked/.test(cause.message ?? ''))
    .map((cause) => ({ field: cause.field || undefined, message: cause.message ?? '', reason: cause.reason }));
  const found = causesFromMessage(status.message ?? '');
  // Strict-decoding causes sometimes come with the whole message and no field; prefer the parsed ones then.
  if (listed.length > 0 && listed.some((cause) => cause.field)) return listed;
  return found.length > 0 ? found : listed;
}

export interface FailureContext {
  user: string;
  /** RBAC verb of the call (`patch`, `create`, `delete`, `get`). */
  verb: string;
  /** Plural resource name (`deployments`) or kind when unknown. */
  resource: string;
  namespace?: string;
}

type Failure = Pick<ObjectResult, 'status' | 'message' | 'reason' | 'code' | 'causes'>;

/** Turns a non-2xx answer into a result: the status bucket and a Korean message. */
export function failureFromResponse(code: number, body: unknown, context: FailureContext): Failure {
  const status: ApiStatus = isApiStatus(body) ? body : { message: typeof body === 'string' ? body.trim() : JSON.stringify(body), code };
  const serverMessage = status.message || `HTTP ${code}`;
  const reason =
    status.reason || (code === 422 ? 'Invalid' : code === 400 || isTypedPatchError(status.message) ? 'BadRequest' : undefined);
  const causes = causesOf(status);
  const base = { reason, code, causes: causes.length ? causes : undefined };
  if (code === 403 && /because it is being terminated/.test(serverMessage)) {
    // Not RBAC: the namespace is being deleted (e.g. a lab reset) and accepts nothing new until it is gone.
    return {
      ...base,
      status: 'error',
      reason: 'NamespaceTerminating',
      message: `네임스페이스 "${context.namespace ?? ''}"가 삭제되는 중이라 새 객체를 받지 않습니다. 삭제가 끝난 뒤(\`kubectl get namespace ${context.namespace ?? ''}\`가 NotFound) 다시 시도하세요. 서버 응답: ${serverMessage}`,
    };
  }
  if (code === 403 || reason === 'Forbidden') {
    return { ...base, status: 'forbidden', message: forbiddenMessage(context.user, context.verb, context.resource, context.namespace, serverMessage) };
  }
  if (code === 422 || code === 400 || reason === 'Invalid' || reason === 'BadRequest') {
    return { ...base, status: 'invalid', message: invalidMessage(reason ?? 'Invalid', causes, serverMessage) };
  }
  if (code === 404 && status.details?.kind === 'namespaces') {
    return { ...base, status: 'error', reason: 'NamespaceNotFound', message: namespaceMissingMessage(status.details.name ?? context.namespace ?? '') };
  }
  if (code === 404) return { ...base, status: 'not-found', message: `대상이 없습니다: ${serverMessage}` };
  if (code === 409 && reason === 'Conflict') return { ...base, status: 'error', message: conflictMessage(serverMessage) };
  if (code === 409 && reason === 'AlreadyExists') {
    return { ...base, status: 'error', message: `같은 이름의 객체가 이미 있습니다: ${serverMessage}. 이름을 바꾸거나 기존 객체를 지우세요.` };
  }
  if (code === 504 || reason === 'Timeout' || reason === 'ServerTimeout') return { ...base, status: 'error', message: serverTimeoutMessage(serverMessage) };
  if (code === 401) {
    return { ...base, status: 'forbidden', message: `인증에 실패했습니다 (Unauthorized). kubeconfig의 자격 증명이 만료되었거나 이 클러스터의 것이 아닙니다. 서버 응답: ${serverMessage}` };
  }
  return { ...base, status: 'error', message: `API 서버 오류 (HTTP ${code}${reason ? `, ${reason}` : ''}): ${serverMessage}` };
}
