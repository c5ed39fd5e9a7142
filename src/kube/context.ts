/**
 * Contexts the course may change freely. The agent and the validator refuse others
 * unless told otherwise, so a reader's production cluster is never touched by a lab.
 */
const EXACT = new Set(['minikube', 'docker-desktop', 'rancher-desktop', 'orbstack', 'k8s-course-local']);
const PREFIXES = ['kind-', 'k3d-'];

export function isLearningContext(context: string): boolean {
  return EXACT.has(context) || PREFIXES.some((prefix) => context.startsWith(prefix) && context.length > prefix.length);
}
