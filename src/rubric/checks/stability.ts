/** 안정성: disruption budgets and probes, and the daily backup schedule. */
import { goDurationSeconds, isDailyCron, namespaceOf, selectorMatches, templateLabels } from '../k8s';
import type { PartResult } from '../types';
import { APPS, findApp, notFound, part, type CheckContext, type Workload } from './context';

export function resilience(ctx: CheckContext): PartResult[] {
  const pdbProblems = (['frontend', 'backend'] as const).map((key) => {
    const app = findApp(ctx, key);
    if (!app) return notFound(ctx, key);
    const labels = templateLabels(app.template);
    const covered = ctx.snapshot.pdbs.some((p) => namespaceOf(p) === ctx.env.prod && selectorMatches(p.spec?.selector, labels));
    return covered ? undefined : `${app.name}의 파드를 고르는 PodDisruptionBudget이 없습니다`;
  });
  const apps = APPS.map((a) => findApp(ctx, a.key)).filter((w): w is Workload => w !== undefined);
  const unprobed = apps.flatMap((app) =>
    (app.template?.spec?.containers ?? []).filter((c) => !c.readinessProbe || !c.livenessProbe).map((c) => `${app.name}/${c.name}`),
  );
  const probes = apps.length === 0 ? `${ctx.env.prod}에 애플리케이션 워크로드가 없습니다` : unprobed.length ? `readiness·liveness 프로브가 모두 있지는 않은 컨테이너: ${unprobed.join(', ')}` : undefined;
  return [part('frontend·backend PodDisruptionBudget', 1, pdbProblems.filter(Boolean).join('; ') || undefined), part('모든 컨테이너에 readiness·liveness 프로브', 1, probes)];
}

const WEEK_SECONDS = 7 * 24 * 3600;

export function backupSchedule(ctx: CheckContext): PartResult[] {
  const prod = ctx.env.prod;
  const covering = ctx.snapshot.schedules.filter((s) => {
    const t = s.spec?.template;
    const included = t?.includedNamespaces ?? ['*'];
    return (included.includes(prod) || included.includes('*')) && !(t?.excludedNamespaces ?? []).includes(prod);
  });
  const absent = ctx.snapshot.missingKinds.includes('schedules.velero.io')
    ? 'Velero Schedule CRD가 없습니다 (Velero를 설치하세요)'
    : covering.length === 0
      ? `${prod} 네임스페이스를 백업하는 Velero Schedule이 없습니다`
      : undefined;
  const daily = covering.some((s) => isDailyCron(s.spec?.schedule));
  const week = covering.some((s) => goDurationSeconds(s.spec?.template?.ttl) === WEEK_SECONDS);
  const volumes = covering.some((s) => {
    const t = s.spec?.template;
    return t?.defaultVolumesToFsBackup === true || t?.snapshotVolumes === true || t?.snapshotMoveData === true;
  });
  return [
    part('매일 실행', 1, absent ?? (daily ? undefined : `일정(${covering.map((s) => s.spec?.schedule ?? '').join(', ')})이 하루 한 번이 아닙니다 (예: "0 3 * * *")`)),
    part('7일 보관 (ttl 168h)', 1, absent ?? (week ? undefined : `ttl이 168h가 아닙니다 (${covering.map((s) => s.spec?.template?.ttl ?? '기본값 720h').join(', ')})`)),
    part('볼륨 데이터까지 백업', 1, absent ?? (volumes ? undefined : 'defaultVolumesToFsBackup 또는 snapshotVolumes가 켜져 있지 않아 PVC의 데이터가 백업되지 않습니다')),
  ];
}
