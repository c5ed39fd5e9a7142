import { mapLimit } from './concurrency';
import { kubeRequest } from './http';
import { failureFromResponse } from './status';
import type { KubeTarget, ObjectResult } from './types';

/**
 * Creates the namespaces that do not exist yet (a real create, not a dry-run):
 * a dry-run of a namespaced object fails when its namespace is missing.
 * AlreadyExists counts as success.
 */
export async function ensureNamespaces(target: KubeTarget, names: readonly string[], timeoutMs?: number): Promise<ObjectResult[]> {
  return mapLimit([...new Set(names)], 8, async (name) => {
    const response = await kubeRequest(target, {
      method: 'POST',
      path: '/api/v1/namespaces',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      timeoutMs,
    });
    const base = { apiVersion: 'v1', kind: 'Namespace', name, warnings: response.warnings, code: response.status };
    if (response.status < 300) return { ...base, status: 'created' as const, message: '네임스페이스를 만들었습니다.' };
    if (response.status === 409) return { ...base, status: 'unchanged' as const, message: '네임스페이스가 이미 있습니다.' };
    return { ...base, ...failureFromResponse(response.status, response.body, { user: target.user, verb: 'create', resource: 'namespaces' }) };
  });
}
