/** What every check gets, and how the project's applications are found in the prod namespace. */
import type { V1Deployment, V1Pod, V1PodTemplateSpec, V1StatefulSet } from '@kubernetes/client-node';
import type { Environments, People } from '../access';
import { labelsOf, nameOf, namespaceOf, selectorMatches } from '../k8s';
import type { ClusterSnapshot } from '../snapshot';
import type { PartResult } from '../types';

export interface CheckContext {
  snapshot: ClusterSnapshot;
  prefix: string;
  env: Environments;
  people: People;
}

/** One scored part: ok when `missing` is undefined. */
export const part = (label: string, points: number, missing?: string): PartResult => (missing ? { label, points, ok: false, missing } : { label, points, ok: true });

/** The project namespaces: `<prefix>-*`, the environments and the platform's own (logging, velero ...). */
export const isProjectNamespace = (ctx: CheckContext, namespace: string): boolean => namespace.startsWith(`${ctx.prefix}-`);

export type AppKey = 'frontend' | 'backend' | 'redis' | 'postgresql' | 'rabbitmq';

/** The seed's five applications and the controller each must run as. */
export const APPS: ReadonlyArray<{ key: AppKey; kind: 'Deployment' | 'StatefulSet' }> = [
  { key: 'frontend', kind: 'Deployment' },
  { key: 'backend', kind: 'Deployment' },
  { key: 'redis', kind: 'Deployment' },
  { key: 'postgresql', kind: 'StatefulSet' },
  { key: 'rabbitmq', kind: 'StatefulSet' },
];

export interface Workload {
  key: AppKey;
  kind: 'Deployment' | 'StatefulSet';
  name: string;
  object: V1Deployment | V1StatefulSet;
  template: V1PodTemplateSpec | undefined;
  desired: number;
  ready: number;
}

/** Named `key`, or labelled `app.kubernetes.io/name=key` (the recommended label the reference uses). */
const isApp = (key: string, o: V1Deployment | V1StatefulSet): boolean => nameOf(o) === key || labelsOf(o)['app.kubernetes.io/name'] === key;

export function findApp(ctx: CheckContext, key: AppKey): Workload | undefined {
  const kind = APPS.find((a) => a.key === key)!.kind;
  const pool = kind === 'Deployment' ? ctx.snapshot.deployments : ctx.snapshot.statefulSets;
  const candidates = pool.filter((o) => namespaceOf(o) === ctx.env.prod && isApp(key, o));
  const object = candidates.find((o) => nameOf(o) === key) ?? candidates[0];
  if (!object) return undefined;
  return {
    key,
    kind,
    name: nameOf(object),
    object,
    template: object.spec?.template,
    desired: object.spec?.replicas ?? 1,
    ready: object.status?.readyReplicas ?? 0,
  };
}

export const notFound = (ctx: CheckContext, key: AppKey): string => {
  const kind = APPS.find((a) => a.key === key)!.kind === 'Deployment' ? 'Deployment가' : 'StatefulSet이';
  return `${ctx.env.prod}에 ${key} ${kind} 없습니다 (이름이 ${key}이거나 app.kubernetes.io/name=${key} 레이블이 있어야 합니다)`;
};

/** Whether every wanted replica is up to date and Ready. */
export function readiness(w: Workload): string | undefined {
  const status = w.object.status;
  if (w.desired < 1) return `${w.name}: 레플리카가 0개입니다`;
  const observed = status?.observedGeneration ?? 0;
  if (observed < (w.object.metadata?.generation ?? 0)) return `${w.name}: 컨트롤러가 아직 최신 스펙을 반영하지 않았습니다`;
  if (w.ready < w.desired) return `${w.name}: 준비된 레플리카 ${w.ready}/${w.desired}`;
  return undefined;
}

export const podsOf = (ctx: CheckContext, w: Workload): V1Pod[] =>
  ctx.snapshot.pods.filter((p) => namespaceOf(p) === ctx.env.prod && selectorMatches(w.object.spec?.selector, labelsOf(p)) && !p.metadata?.deletionTimestamp);
