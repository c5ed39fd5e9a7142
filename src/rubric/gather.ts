/**
 * Reads what the rubric needs from the cluster through src/kube (the kubeconfig's own
 * credentials): lists of objects, then one SubjectAccessReview per RBAC question.
 * Read-only, except that a SubjectAccessReview is a POST that stores nothing.
 */
import { kubeRequest, mapLimit, subjectAccessReview, type KubeTarget } from '../kube';
import { developerQuestions, operatorQuestions, peopleFor, serviceAccountQuestions, type AccessQuestion } from './access';
import { prodServiceAccounts } from './checks';
import { namespaceOf } from './k8s';
import { environmentsFor } from './score';
import { emptySnapshot, type AccessAnswer, type ClusterSnapshot } from './snapshot';

type ListKey = Exclude<keyof ClusterSnapshot, 'access' | 'missingKinds'>;

interface Source {
  key: ListKey;
  /** API paths to try in order (a CRD may serve an older version only). */
  paths: string[];
  /** `plural.group` of a custom resource: absent is a finding, not an error. */
  crd?: string;
  /** Keep every namespace (Velero's Schedules live wherever Velero runs). */
  allNamespaces?: boolean;
}

const SOURCES: readonly Source[] = [
  { key: 'nodes', paths: ['/api/v1/nodes'], allNamespaces: true },
  { key: 'namespaces', paths: ['/api/v1/namespaces'], allNamespaces: true },
  { key: 'pvs', paths: ['/api/v1/persistentvolumes'], allNamespaces: true },
  { key: 'deployments', paths: ['/apis/apps/v1/deployments'] },
  { key: 'statefulSets', paths: ['/apis/apps/v1/statefulsets'] },
  { key: 'daemonSets', paths: ['/apis/apps/v1/daemonsets'] },
  { key: 'pods', paths: ['/api/v1/pods'] },
  { key: 'services', paths: ['/api/v1/services'] },
  { key: 'endpointSlices', paths: ['/apis/discovery.k8s.io/v1/endpointslices'] },
  { key: 'pvcs', paths: ['/api/v1/persistentvolumeclaims'] },
  { key: 'hpas', paths: ['/apis/autoscaling/v2/horizontalpodautoscalers'] },
  { key: 'networkPolicies', paths: ['/apis/networking.k8s.io/v1/networkpolicies'] },
  { key: 'serviceAccounts', paths: ['/api/v1/serviceaccounts'] },
  { key: 'pdbs', paths: ['/apis/policy/v1/poddisruptionbudgets'] },
  { key: 'gateways', paths: ['/apis/gateway.networking.k8s.io/v1/gateways'], crd: 'gateways.gateway.networking.k8s.io' },
  { key: 'httpRoutes', paths: ['/apis/gateway.networking.k8s.io/v1/httproutes'], crd: 'httproutes.gateway.networking.k8s.io' },
  { key: 'certificates', paths: ['/apis/cert-manager.io/v1/certificates'], crd: 'certificates.cert-manager.io' },
  {
    key: 'externalSecrets',
    paths: ['/apis/external-secrets.io/v1/externalsecrets', '/apis/external-secrets.io/v1beta1/externalsecrets'],
    crd: 'externalsecrets.external-secrets.io',
  },
  { key: 'serviceMonitors', paths: ['/apis/monitoring.coreos.com/v1/servicemonitors'], crd: 'servicemonitors.monitoring.coreos.com' },
  { key: 'prometheusRules', paths: ['/apis/monitoring.coreos.com/v1/prometheusrules'], crd: 'prometheusrules.monitoring.coreos.com' },
  { key: 'schedules', paths: ['/apis/velero.io/v1/schedules'], crd: 'schedules.velero.io', allNamespaces: true },
];

/** A failure the reader must act on (no permission, API error); the message is Korean. */
export class RubricGatherError extends Error {
  override name = 'RubricGatherError';
}

async function listAll(target: KubeTarget, path: string): Promise<unknown[] | 'not-served'> {
  const items: unknown[] = [];
  let next: string | undefined;
  do {
    const response = await kubeRequest(target, { method: 'GET', path, query: { limit: '500', continue: next } });
    if (response.status === 404) return 'not-served';
    if (response.status === 403) throw new RubricGatherError(`${path}: 읽을 권한이 없습니다 (kubeconfig 사용자 ${target.user}). 클러스터 관리자 권한의 kubeconfig로 실행하세요.`);
    if (response.status >= 300) throw new RubricGatherError(`${path}: 읽지 못했습니다 (HTTP ${response.status}).`);
    const body = response.body as { items?: unknown[]; metadata?: { continue?: string } };
    items.push(...(body.items ?? []));
    next = body.metadata?.continue || undefined;
  } while (next);
  return items;
}

async function ask(target: KubeTarget, q: AccessQuestion): Promise<AccessAnswer> {
  const { expect: _expect, label: _label, ...answer } = q;
  const review = await subjectAccessReview(target, {
    user: q.user,
    groups: q.groups,
    resourceAttributes: { namespace: q.namespace, verb: q.verb, group: q.group, resource: q.resource },
  });
  return 'error' in review ? { ...answer, error: review.error } : { ...answer, allowed: review.allowed };
}

export async function gatherSnapshot(target: KubeTarget, options: { prefix: string }): Promise<ClusterSnapshot> {
  const snapshot = emptySnapshot();
  const ours = (o: unknown) => namespaceOf(o as { metadata?: { namespace?: string } }).startsWith(`${options.prefix}-`);
  await mapLimit(SOURCES, 6, async (source) => {
    let items: unknown[] | 'not-served' = 'not-served';
    for (const path of source.paths) {
      items = await listAll(target, path);
      if (items !== 'not-served') break;
    }
    if (items === 'not-served') {
      if (!source.crd) throw new RubricGatherError(`API 서버가 ${source.paths[0]} 경로를 제공하지 않습니다. 쿠버네티스 버전을 확인하세요.`);
      snapshot.missingKinds.push(source.crd);
      return;
    }
    (snapshot[source.key] as unknown[]) = source.allNamespaces ? items : items.filter(ours);
  });
  snapshot.missingKinds.sort();

  const env = environmentsFor(options.prefix);
  const people = peopleFor(options.prefix);
  const ctx = { snapshot, prefix: options.prefix, env, people };
  const questions = [...developerQuestions(env, people), ...operatorQuestions(env, people), ...serviceAccountQuestions(env.prod, prodServiceAccounts(ctx))];
  snapshot.access = await mapLimit(questions, 8, (q) => ask(target, q));
  return snapshot;
}
