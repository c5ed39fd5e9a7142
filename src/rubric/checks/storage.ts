/** 기능성: the StatefulSets' claims are Bound, their data lives on them, and the database's on SSD nodes. */
import type { V1PersistentVolumeClaim, V1StatefulSet } from '@kubernetes/client-node';
import { labelsOf, nameOf, namespaceOf } from '../k8s';
import type { PartResult } from '../types';
import { findApp, notFound, part, type CheckContext } from './context';

/** The claims a StatefulSet's controller makes: `<template>-<statefulset>-<ordinal>`. */
export function claimsOf(ctx: CheckContext, sts: V1StatefulSet): Array<{ name: string; claim?: V1PersistentVolumeClaim }> {
  const namespace = namespaceOf(sts);
  const replicas = sts.spec?.replicas ?? 1;
  const names = (sts.spec?.volumeClaimTemplates ?? []).flatMap((t) =>
    Array.from({ length: replicas }, (_, i) => `${t.metadata?.name ?? ''}-${nameOf(sts)}-${i}`),
  );
  return names.map((name) => ({ name, claim: ctx.snapshot.pvcs.find((c) => namespaceOf(c) === namespace && nameOf(c) === name) }));
}

export function unboundClaims(ctx: CheckContext, sts: V1StatefulSet): string | undefined {
  if ((sts.spec?.volumeClaimTemplates ?? []).length === 0) return `${nameOf(sts)}: volumeClaimTemplates가 없어 데이터가 파드와 함께 사라집니다`;
  const bad = claimsOf(ctx, sts)
    .filter(({ claim }) => claim?.status?.phase !== 'Bound')
    .map(({ name, claim }) => `${name}(${claim?.status?.phase ?? '없음'})`);
  return bad.length ? `Bound가 아닌 PVC: ${bad.join(', ')}` : undefined;
}

function claimProblem(ctx: CheckContext, key: 'postgresql' | 'rabbitmq'): string | undefined {
  const app = findApp(ctx, key);
  return app ? unboundClaims(ctx, app.object as V1StatefulSet) : notFound(ctx, key);
}

export function storagePvc(ctx: CheckContext): PartResult[] {
  return [part('postgresql PVC가 Bound', 3, claimProblem(ctx, 'postgresql')), part('rabbitmq PVC가 Bound', 3, claimProblem(ctx, 'rabbitmq'))];
}

const under = (path: string, mount: string): boolean => path === mount || path.startsWith(mount.endsWith('/') ? mount : `${mount}/`);

function mountProblem(ctx: CheckContext, key: 'postgresql' | 'rabbitmq'): string | undefined {
  const app = findApp(ctx, key);
  if (!app) return notFound(ctx, key);
  const templates = (app.object as V1StatefulSet).spec?.volumeClaimTemplates ?? [];
  if (templates.length === 0) return `${app.name}: volumeClaimTemplates가 없습니다`;
  const containers = app.template?.spec?.containers ?? [];
  const mounts = containers.flatMap((c) => (c.volumeMounts ?? []).filter((m) => templates.some((t) => t.metadata?.name === m.name)));
  if (mounts.length === 0) return `${app.name}: volumeClaimTemplates의 볼륨을 마운트하는 컨테이너가 없습니다`;
  const pgdata = containers.flatMap((c) => c.env ?? []).find((e) => e.name === 'PGDATA')?.value;
  if (pgdata && !mounts.some((m) => under(pgdata, m.mountPath))) return `${app.name}: PGDATA(${pgdata})가 영구 볼륨 마운트(${mounts.map((m) => m.mountPath).join(', ')}) 밖에 있습니다`;
  return undefined;
}

export function storageMounts(ctx: CheckContext): PartResult[] {
  return [part('postgresql 데이터 디렉터리가 PVC 위', 1, mountProblem(ctx, 'postgresql')), part('rabbitmq 데이터 디렉터리가 PVC 위', 1, mountProblem(ctx, 'rabbitmq'))];
}

/** Local volumes (kind's local-path) are pinned to a node through the PV's node affinity. */
function volumeNodes(ctx: CheckContext, claim: V1PersistentVolumeClaim): string[] | undefined {
  const pv = ctx.snapshot.pvs.find((v) => nameOf(v) === claim.spec?.volumeName);
  const terms = pv?.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? [];
  const hosts = terms.flatMap((t) => (t.matchExpressions ?? []).filter((e) => e.key === 'kubernetes.io/hostname' && e.operator === 'In').flatMap((e) => e.values ?? []));
  return hosts.length > 0 ? hosts : undefined;
}

export function storageSsd(ctx: CheckContext): PartResult[] {
  const app = findApp(ctx, 'postgresql');
  let problem: string | undefined = app ? undefined : notFound(ctx, 'postgresql');
  if (app) {
    const claims = claimsOf(ctx, app.object as V1StatefulSet);
    const ssd = new Set(ctx.snapshot.nodes.filter((n) => labelsOf(n).disktype === 'ssd').map(nameOf));
    const bad: string[] = [];
    for (const { name, claim } of claims) {
      const nodes = claim?.status?.phase === 'Bound' ? volumeNodes(ctx, claim) : undefined;
      if (!claim || claim.status?.phase !== 'Bound') bad.push(`${name}: 아직 Bound가 아님`);
      else if (!nodes) bad.push(`${name}: PV가 특정 노드에 묶여 있지 않아 판정할 수 없음 (SSD 스토리지 클래스인지 직접 확인하세요)`);
      else if (!nodes.every((n) => ssd.has(n))) bad.push(`${name}: ${nodes.join(', ')} 노드에 있음 (disktype=ssd 아님)`);
    }
    if (claims.length === 0) problem = `${app.name}: volumeClaimTemplates가 없습니다`;
    else if (bad.length > 0) problem = bad.join('; ');
  }
  return [part('postgresql 볼륨이 SSD 노드에 있음', 2, problem)];
}
