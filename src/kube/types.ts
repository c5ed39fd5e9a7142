import type { KubeConfig } from '@kubernetes/client-node';

/** One kubeconfig context, resolved: what every call in src/kube talks to. */
export interface KubeTarget {
  kubeConfig: KubeConfig;
  context: string;
  /** The cluster's API server URL (`https://127.0.0.1:6443`). */
  server: string;
  /** The context's namespace, or `default`. */
  namespace: string;
  /** The kubeconfig user name of the context. */
  user: string;
}

export type ObjectStatus =
  | 'created'
  | 'configured'
  | 'unchanged'
  | 'deleted'
  | 'not-found'
  | 'valid'
  | 'invalid'
  | 'forbidden'
  | 'unreachable'
  | 'error';

export interface StatusCause {
  /** API field path as the server wrote it (`spec.template.spec.containers[0].imagePullPolcy`). */
  field?: string;
  message: string;
  reason?: string;
}

export interface ObjectResult {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  status: ObjectStatus;
  /** Korean, for people: what happened and what to do. */
  message: string;
  /** The API server's Status reason (`Invalid`, `Forbidden`, `NotFound`, `BadRequest` ...) or ours for client-side failures. */
  reason?: string;
  /** HTTP status of the API call, when there was one. */
  code?: number;
  causes?: StatusCause[];
  /** The API server's Warning headers (deprecations, unknown fields under fieldValidation=Warn ...). */
  warnings: string[];
  diff?: string;
  /** The object as the server returned it (apply and dry-run), without managedFields. */
  object?: Record<string, unknown>;
}

export interface ObjectOptions {
  dryRun?: boolean;
  /** Namespace for namespaced objects without metadata.namespace; the target's namespace otherwise. */
  defaultNamespace?: string;
  /** Per API request, milliseconds (default 30 s). */
  timeoutMs?: number;
  /** How many objects are sent at once (default 8); objects keep their order in the results. */
  concurrency?: number;
}

export interface DeleteOptions extends ObjectOptions {
  /**
   * Like `kubectl delete` (which waits by default): after the API accepted the delete, wait up to this many
   * milliseconds until the object is gone (graceful termination, finalizers), so the next step does not see a
   * terminating pod. Namespaces and CRDs are not waited for: their contents can take minutes. 0 or unset: no wait.
   */
  waitGoneMs?: number;
}

export interface ApplyOptions extends ObjectOptions {
  /** Server-side apply field manager (default `k8s-course`). */
  fieldManager?: string;
  /** Take over fields another manager owns instead of failing with a conflict. */
  force?: boolean;
  /** true (default): unknown or duplicate fields are errors (fieldValidation=Strict); false: warnings. */
  strict?: boolean;
}

export type KubeObject = Record<string, unknown>;
