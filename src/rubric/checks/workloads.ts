/** 기능성: the cluster's nodes, the five applications, and the seed's scheduling rules. */
import type { V1Affinity, V1NodeSelectorTerm, V1PodTemplateSpec } from '@kubernetes/client-node';
import { isControlPlane, isNodeReady, labelsOf, nameOf, schedulableNodes, selectorMatches, templateLabels } from '../k8s';
import type { PartResult } from '../types';
import { APPS, findApp, notFound, part, podsOf, readiness, type CheckContext } from './context';

export function clusterNodes(ctx: CheckContext): PartResult[] {
  const ready = ctx.snapshot.nodes.filter(isNodeReady);
  const controlPlanes = ready.filter(isControlPlane);
  const workers = ready.filter((n) => !isControlPlane(n));
  const has = (key: string, value: string) => workers.some((n) => labelsOf(n)[key] === value);
  const missingLabels = [
    has('node-type', 'cpu-optimized') ? undefined : 'node-type=cpu-optimized',
    has('disktype', 'ssd') ? undefined : 'disktype=ssd',
  ].filter(Boolean);
  return [
    part('Ready인 컨트롤 플레인 노드', 1, controlPlanes.length >= 1 ? undefined : 'Ready인 컨트롤 플레인 노드(node-role.kubernetes.io/control-plane)가 없습니다'),
    part('Ready인 워커 노드 3대 이상', 2, workers.length >= 3 ? undefined : `Ready인 워커 노드가 ${workers.length}대입니다 (3대 이상 필요)`),
    part('스케줄링 레이블이 붙은 워커', 2, missingLabels.length === 0 ? undefined : `Ready 워커 중 ${missingLabels.join(', ')} 레이블을 가진 노드가 없습니다`),
  ];
}

export function appsReady(ctx: CheckContext): PartResult[] {
  return APPS.map(({ key, kind }) => {
    const app = findApp(ctx, key);
    return part(`${key} ${kind} 준비`, 1, app ? readiness(app) : notFound(ctx, key));
  });
}

const HOSTNAME = 'kubernetes.io/hostname';

/** A topology spread or pod anti-affinity over nodes that counts this template's own pods. */
function spreadsOverNodes(template: V1PodTemplateSpec | undefined): boolean {
  const labels = templateLabels(template);
  const spec = template?.spec;
  const spread = (spec?.topologySpreadConstraints ?? []).some((c) => c.topologyKey === HOSTNAME && selectorMatches(c.labelSelector, labels));
  const anti = spec?.affinity?.podAntiAffinity;
  const terms = [
    ...(anti?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(anti?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm),
  ];
  return spread || terms.some((t) => t.topologyKey === HOSTNAME && selectorMatches(t.labelSelector, labels));
}

const termWants = (term: V1NodeSelectorTerm, key: string, value: string): boolean =>
  (term.matchExpressions ?? []).some((e) => e.key === key && e.operator === 'In' && (e.values ?? []).includes(value));

function prefersNode(affinity: V1Affinity | undefined, nodeSelector: Record<string, string> | undefined, key: string, value: string): boolean {
  const node = affinity?.nodeAffinity;
  const preferred = (node?.preferredDuringSchedulingIgnoredDuringExecution ?? []).some((p) => (p.weight ?? 0) > 0 && termWants(p.preference, key, value));
  const required = (node?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []).some((t) => termWants(t, key, value));
  return preferred || required || nodeSelector?.[key] === value;
}

/** Node selector terms are ORed: every term must demand the label, or some pod could land elsewhere. */
function requiresNode(affinity: V1Affinity | undefined, nodeSelector: Record<string, string> | undefined, key: string, value: string): boolean {
  if (nodeSelector?.[key] === value) return true;
  const terms = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return terms.length > 0 && terms.every((t) => termWants(t, key, value));
}

export function appsScheduling(ctx: CheckContext): PartResult[] {
  const frontend = findApp(ctx, 'frontend');
  const backend = findApp(ctx, 'backend');
  const database = findApp(ctx, 'postgresql');

  const spreadRule = !frontend
    ? notFound(ctx, 'frontend')
    : spreadsOverNodes(frontend.template)
      ? undefined
      : `${frontend.name}에 ${HOSTNAME} 기준 topologySpreadConstraints(또는 podAntiAffinity)가 없거나 그 labelSelector가 파드 레이블과 맞지 않습니다`;

  let spreadActual: string | undefined = frontend ? undefined : notFound(ctx, 'frontend');
  if (frontend) {
    const placed = podsOf(ctx, frontend).filter((p) => p.spec?.nodeName);
    const nodes = new Set(placed.map((p) => p.spec!.nodeName!));
    const wanted = Math.min(placed.length, schedulableNodes(ctx.snapshot.nodes).length);
    if (placed.length < 2) spreadActual = `${frontend.name}: 노드에 배치된 파드가 ${placed.length}개라 분산을 확인할 수 없습니다 (2개 이상 필요)`;
    else if (nodes.size < wanted) spreadActual = `${frontend.name}: 파드 ${placed.length}개가 노드 ${nodes.size}대에만 있습니다 (${wanted}대에 퍼져야 함)`;
  }

  const backendRule = !backend
    ? notFound(ctx, 'backend')
    : prefersNode(backend.template?.spec?.affinity, backend.template?.spec?.nodeSelector, 'node-type', 'cpu-optimized')
      ? undefined
      : `${backend.name}에 node-type=cpu-optimized 노드를 고르는 nodeAffinity(preferred 권장)가 없습니다`;

  const databaseRule = !database
    ? notFound(ctx, 'postgresql')
    : requiresNode(database.template?.spec?.affinity, database.template?.spec?.nodeSelector, 'disktype', 'ssd')
      ? undefined
      : `${database.name}에 disktype=ssd를 요구하는 requiredDuringSchedulingIgnoredDuringExecution nodeAffinity(또는 nodeSelector)가 없습니다`;

  let databasePlaced: string | undefined = database ? undefined : notFound(ctx, 'postgresql');
  if (database) {
    const placed = podsOf(ctx, database).filter((p) => p.spec?.nodeName);
    const ssd = new Set(ctx.snapshot.nodes.filter((n) => labelsOf(n).disktype === 'ssd').map(nameOf));
    const elsewhere = placed.filter((p) => !ssd.has(p.spec!.nodeName!)).map((p) => `${nameOf(p)}→${p.spec!.nodeName}`);
    if (placed.length === 0) databasePlaced = `${database.name}: 노드에 배치된 파드가 없습니다`;
    else if (elsewhere.length > 0) databasePlaced = `SSD가 아닌 노드에 있는 파드: ${elsewhere.join(', ')}`;
  }

  return [
    part('frontend 노드 분산 규칙', 1, spreadRule),
    part('frontend 파드가 여러 노드에 퍼짐', 1, spreadActual),
    part('backend의 cpu-optimized 노드 선호', 1, backendRule),
    part('postgresql의 SSD 노드 전용 규칙', 1, databaseRule),
    part('postgresql 파드가 SSD 노드에 있음', 1, databasePlaced),
  ];
}
