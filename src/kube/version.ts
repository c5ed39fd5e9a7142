import { kubeRequest } from './http';
import { failureFromResponse } from './status';
import type { KubeTarget } from './types';

/**
 * The server's version (`v1.37.2`): a cheap first call that tells "cannot connect"
 * apart from per-object problems. Rejects with KubeUnreachableError, or an Error with
 * a Korean message when the server answers with an error (e.g. 401).
 */
export async function serverVersion(target: KubeTarget, timeoutMs = 10_000): Promise<string> {
  const response = await kubeRequest(target, { method: 'GET', path: '/version', timeoutMs });
  if (response.status >= 300) {
    throw new Error(failureFromResponse(response.status, response.body, { user: target.user, verb: 'get', resource: '/version' }).message);
  }
  return (response.body as { gitVersion?: string }).gitVersion ?? 'unknown';
}
