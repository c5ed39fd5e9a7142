/** 운영성: metrics, alerts, the log pipeline and the autoscalers. */
import type { V1DaemonSet, V1Deployment, V1StatefulSet } from '@kubernetes/client-node';
import { isNodeReady, labelsOf, mapSelects, nameOf, namespaceOf, selectorMatches } from '../k8s';
import type { ServiceMonitor } from '../snapshot';
import type { PartResult } from '../types';
import { findApp, isProjectNamespace, notFound, part, type AppKey, type CheckContext } from './context';
import { unboundClaims } from './storage';

const missingCrd = (ctx: CheckContext, kind: string): string | undefined =>
  ctx.snapshot.missingKinds.includes(kind) ? `${kind} CRD가 없습니다 (Prometheus Operator를 설치하세요)` : undefined;

/** A ServiceMonitor looks in its own namespace unless namespaceSelector says otherwise. */
const watchesNamespace = (sm: ServiceMonitor, namespace: string): boolean =>
  sm.spec?.namespaceSelector?.any === true || (sm.spec?.namespaceSelector?.matchNames ?? [namespaceOf(sm)]).includes(namespace);

export function monServiceMonitor(ctx: CheckContext): PartResult[] {
  const crd = missingCrd(ctx, 'servicemonitors.monitoring.coreos.com');
  const backend = findApp(ctx, 'backend');
  const labels = backend?.template?.metadata?.labels ?? {};
  const services = ctx.snapshot.services.filter((s) => namespaceOf(s) === ctx.env.prod && mapSelects(s.spec?.selector, labels));
  const pairs = ctx.snapshot.serviceMonitors
    .filter((sm) => isProjectNamespace(ctx, namespaceOf(sm)) && watchesNamespace(sm, ctx.env.prod))
    .flatMap((sm) => services.filter((s) => selectorMatches(sm.spec?.selector, labelsOf(s))).map((service) => ({ sm, service })));
  const selects = crd ?? (!backend ? notFound(ctx, 'backend') : services.length === 0 ? `${backend.name} 파드를 고르는 Service가 없습니다` : pairs.length === 0 ? `backend Service(${services.map(nameOf).join(', ')})를 고르는 ServiceMonitor가 없습니다` : undefined);
  const portNames = (service: (typeof services)[number]) => new Set((service.spec?.ports ?? []).map((p) => p.name).filter(Boolean));
  const portOk = pairs.some(({ sm, service }) => (sm.spec?.endpoints ?? []).some((e) => (e.port ? portNames(service).has(e.port) : e.targetPort !== undefined)));
  const port = selects ? 'ServiceMonitor가 backend Service를 고르지 않아 포트를 확인할 수 없습니다' : portOk ? undefined : `ServiceMonitor 엔드포인트의 port 이름이 Service의 포트 이름(${pairs.map(({ service }) => [...portNames(service)].join('/')).join(', ')})과 다릅니다`;
  return [part('ServiceMonitor가 backend Service를 고름', 2, selects), part('엔드포인트 포트 이름이 Service에 있음', 1, port)];
}

export function monRules(ctx: CheckContext): PartResult[] {
  const crd = missingCrd(ctx, 'prometheusrules.monitoring.coreos.com');
  const rules = ctx.snapshot.prometheusRules.filter((r) => isProjectNamespace(ctx, namespaceOf(r))).flatMap((r) => (r.spec?.groups ?? []).flatMap((g) => g.rules ?? []));
  const alerts = rules.filter((r) => r.alert && r.expr !== undefined && r.expr !== '');
  const complete = alerts.some((r) => r.for && r.labels?.severity);
  return [
    part('알림 규칙이 있음', 2, crd ?? (alerts.length ? undefined : `프로젝트 네임스페이스(${ctx.prefix}-*)의 PrometheusRule에 alert 규칙이 없습니다`)),
    part('for와 severity를 갖춘 알림', 1, crd ?? (complete ? undefined : 'for(지속 시간)와 labels.severity를 모두 가진 알림 규칙이 없습니다')),
  ];
}

const COLLECTORS = ['fluent-bit', 'fluentd', 'vector', 'promtail', 'alloy', 'filebeat', 'opentelemetry-collector', 'otel-collector'];
const STORES = ['elasticsearch', 'opensearch', 'loki'];

const named = (names: readonly string[]) => (o: V1DaemonSet | V1StatefulSet | V1Deployment) =>
  names.includes(nameOf(o)) || names.includes(labelsOf(o)['app.kubernetes.io/name'] ?? '');

export function logCollector(ctx: CheckContext): PartResult[] {
  const collectors = ctx.snapshot.daemonSets.filter((d) => isProjectNamespace(ctx, namespaceOf(d)) && named(COLLECTORS)(d));
  const ready = collectors.filter((d) => (d.status?.desiredNumberScheduled ?? 0) > 0 && d.status?.numberReady === d.status?.desiredNumberScheduled);
  const nodes = ctx.snapshot.nodes.filter(isNodeReady).length;
  const everywhere = ready.some((d) => (d.status?.desiredNumberScheduled ?? 0) >= nodes);
  const none = `프로젝트 네임스페이스에 로그 수집 DaemonSet(${COLLECTORS.slice(0, 3).join(', ')} 등)이 없습니다`;
  return [
    part('로그 수집 DaemonSet이 준비됨', 2, collectors.length === 0 ? none : ready.length ? undefined : `준비되지 않은 수집기: ${collectors.map((d) => `${nameOf(d)} ${d.status?.numberReady ?? 0}/${d.status?.desiredNumberScheduled ?? 0}`).join(', ')}`),
    part('모든 노드(컨트롤 플레인 포함)에서 수집', 2, collectors.length === 0 ? none : everywhere ? undefined : `수집기가 Ready 노드 ${nodes}대 모두에 배치되지 않습니다 (컨트롤 플레인 테인트를 허용하는 toleration이 필요합니다)`),
  ];
}

export function logStore(ctx: CheckContext): PartResult[] {
  const isStore = named(STORES);
  const statefulSets = ctx.snapshot.statefulSets.filter((s) => isProjectNamespace(ctx, namespaceOf(s)) && isStore(s));
  const deployments = ctx.snapshot.deployments.filter((d) => isProjectNamespace(ctx, namespaceOf(d)) && isStore(d));
  const stores = [...statefulSets, ...deployments];
  const isReady = (o: V1StatefulSet | V1Deployment) => (o.spec?.replicas ?? 1) > 0 && (o.status?.readyReplicas ?? 0) >= (o.spec?.replicas ?? 1);
  const none = `프로젝트 네임스페이스에 로그 저장소(${STORES.join(', ')})가 없습니다`;
  const persistent = statefulSets.some((s) => !unboundClaims(ctx, s));
  return [
    part('로그 저장소가 준비됨', 2, stores.length === 0 ? none : stores.some(isReady) ? undefined : `준비되지 않은 로그 저장소: ${stores.map(nameOf).join(', ')}`),
    part('로그 데이터가 PVC에 저장됨', 2, stores.length === 0 ? none : persistent ? undefined : `로그 저장소가 volumeClaimTemplates의 Bound PVC를 쓰지 않습니다 (${statefulSets.map((s) => unboundClaims(ctx, s)).filter(Boolean).join('; ') || 'StatefulSet이 아님'})`),
  ];
}

function hpaProblem(ctx: CheckContext, key: AppKey): string | undefined {
  const app = findApp(ctx, key);
  if (!app) return notFound(ctx, key);
  const hpas = ctx.snapshot.hpas.filter((h) => namespaceOf(h) === ctx.env.prod && h.spec?.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === app.name);
  if (hpas.length === 0) return `${app.name} Deployment를 가리키는 HPA(autoscaling/v2)가 없습니다`;
  const problems = hpas.map((h) => {
    const spec = h.spec!;
    const min = spec.minReplicas ?? 1;
    const resource = (spec.metrics ?? []).some((m) => (m.type === 'Resource' && m.resource) || (m.type === 'ContainerResource' && m.containerResource));
    if (min < 2) return `${nameOf(h)}: minReplicas가 ${min}입니다 (가용성을 위해 2 이상)`;
    if (spec.maxReplicas <= min) return `${nameOf(h)}: maxReplicas(${spec.maxReplicas})가 minReplicas(${min})보다 커야 늘어날 수 있습니다`;
    if (!resource) return `${nameOf(h)}: CPU나 메모리(Resource) 메트릭이 없습니다`;
    return undefined;
  });
  return problems.includes(undefined) ? undefined : problems.join('; ');
}

export function hpa(ctx: CheckContext): PartResult[] {
  return [part('frontend HPA', 2, hpaProblem(ctx, 'frontend')), part('backend HPA', 2, hpaProblem(ctx, 'backend'))];
}
