import { kubeRequest } from './http';
import type { KubeTarget } from './types';

export interface AccessReviewSpec {
  user: string;
  groups?: string[];
  resourceAttributes: { verb: string; resource: string; group?: string; subresource?: string; name?: string; namespace?: string };
}

export type AccessReviewResult = { allowed: boolean; reason?: string } | { error: string };

/** Asks the API server whether `user` may do something (a SubjectAccessReview), as `kubectl auth can-i --as` does. */
export async function subjectAccessReview(target: KubeTarget, spec: AccessReviewSpec): Promise<AccessReviewResult> {
  const response = await kubeRequest(target, {
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
    body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec },
  });
  if (response.status >= 300) return { error: `HTTP ${response.status}` };
  const status = ((response.body as { status?: { allowed?: boolean; reason?: string } }).status ?? {});
  return { allowed: status.allowed === true, reason: status.reason };
}
