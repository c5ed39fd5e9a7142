import { describe, expect, it } from 'vitest';
import { referenceSnapshot } from './__fixtures__/snapshot';
import { AREAS, BONUS, CRITERIA, HUMAN_POINTS, MACHINE_POINTS, allChecks, sumPoints } from './catalog';
import { MACHINE_CHECKS } from './checks';
import { emptySnapshot, type ClusterSnapshot } from './snapshot';
import { scoreRubric } from './score';
import type { CheckResult, RubricReport } from './types';

const score = (snapshot: ClusterSnapshot): RubricReport => scoreRubric(snapshot, { prefix: 'fp' });

function check(report: RubricReport, id: string): CheckResult {
  const found = report.areas.flatMap((a) => a.criteria.flatMap((c) => c.checks)).find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
}

const failedParts = (report: RubricReport, id: string) => check(report, id).parts.filter((p) => !p.ok);

describe('the catalog', () => {
  it('is the seed rubric: 40/25/25/10 with the seed items, 100 in all, and a +10/+5 bonus', () => {
    expect(AREAS.map((a) => [a.title, a.points])).toEqual([
      ['기능성', 40],
      ['보안성', 25],
      ['운영성', 25],
      ['안정성', 10],
    ]);
    for (const area of AREAS) expect(sumPoints(CRITERIA.filter((c) => c.area === area.id))).toBe(area.points);
    for (const criterion of CRITERIA) expect(sumPoints(criterion.checks)).toBe(criterion.points);
    expect(CRITERIA.map((c) => `${c.title} (${c.points}점)`)).toEqual([
      '클러스터 정상 구축 및 HA 구성 (10점)',
      '모든 애플리케이션 정상 배포 (10점)',
      '네트워킹 및 외부 접근 가능 (10점)',
      '스토리지 및 데이터 영속성 (10점)',
      'RBAC 정책 적용 및 테스트 (10점)',
      'Network Policy 구현 (8점)',
      'Secret 관리 및 보안 강화 (7점)',
      '모니터링 대시보드 구성 (10점)',
      '로깅 시스템 구축 (8점)',
      '자동 스케일링 동작 확인 (7점)',
      '장애 상황 대응 능력 (5점)',
      '백업/복원 절차 수행 (5점)',
    ]);
    expect(MACHINE_POINTS + HUMAN_POINTS).toBe(100);
    expect(BONUS.map((b) => [b.title, b.points, b.items.length])).toEqual([
      ['고급 기능 구현', 10, 4],
      ['창의적 해결책', 5, 3],
    ]);
  });

  it('has code for exactly the machine checks, and check ids are unique', () => {
    const machine = allChecks().filter((c) => c.judge === 'machine').map((c) => c.id);
    expect(Object.keys(MACHINE_CHECKS).sort()).toEqual([...machine].sort());
    expect(new Set(allChecks().map((c) => c.id)).size).toBe(allChecks().length);
  });
});

describe('scoring the reference solution', () => {
  it('gives every machine check its full points and no points to human checks', () => {
    const report = score(referenceSnapshot());
    const checks = report.areas.flatMap((a) => a.criteria.flatMap((c) => c.checks));
    expect(checks.filter((c) => c.judge === 'machine' && c.earned !== c.possible).map((c) => [c.id, c.parts.filter((p) => !p.ok)])).toEqual([]);
    expect(checks.filter((c) => c.judge === 'human').every((c) => c.earned === 0 && c.parts.length === 0)).toBe(true);
    expect(report.totals).toEqual({ machineEarned: MACHINE_POINTS, machinePossible: MACHINE_POINTS, humanPossible: HUMAN_POINTS, total: 100, bonusPossible: 15 });
    expect(report.notes).toEqual([]);
  });
});

describe('scoring an empty project', () => {
  it('earns only the cluster-node points: denials without any grants are no design', () => {
    const empty = emptySnapshot();
    empty.nodes = referenceSnapshot().nodes;
    const report = score(empty);
    expect(report.totals.machineEarned).toBe(5);
    expect(check(report, 'cluster-nodes').earned).toBe(5);
    expect(check(report, 'rbac-developer').earned).toBe(0);
    expect(failedParts(report, 'rbac-developer').map((p) => p.missing)).toContainEqual(expect.stringContaining('평가할 수 없습니다'));
    expect(failedParts(report, 'apps-ready')[0]!.missing).toBe(
      'fp-prod에 frontend Deployment가 없습니다 (이름이 frontend이거나 app.kubernetes.io/name=frontend 레이블이 있어야 합니다)',
    );
  });

  it('says which custom resource kinds the cluster lacks', () => {
    const snapshot = emptySnapshot();
    snapshot.missingKinds = ['schedules.velero.io'];
    const report = score(snapshot);
    expect(report.notes).toEqual(['클러스터에 schedules.velero.io CRD가 없어 그 리소스를 쓰는 항목은 0점입니다.']);
    expect(failedParts(report, 'backup-schedule')[0]!.missing).toContain('Velero Schedule CRD가 없습니다');
  });
});

describe('one thing broken at a time', () => {
  const broken = (change: (s: ClusterSnapshot) => void): RubricReport => {
    const s = referenceSnapshot();
    change(s);
    return score(s);
  };

  it('frontend pods piled on one node lose the spread point, not the rule point', () => {
    const report = broken((s) => s.pods.filter((p) => p.metadata?.name?.startsWith('frontend')).forEach((p) => (p.spec!.nodeName = 'w1')));
    expect(failedParts(report, 'apps-scheduling').map((p) => [p.label, p.missing])).toEqual([
      ['frontend 파드가 여러 노드에 퍼짐', 'frontend: 파드 3개가 노드 1대에만 있습니다 (3대에 퍼져야 함)'],
    ]);
  });

  it('a database that may leave the SSD nodes loses the rule', () => {
    const report = broken((s) => {
      const affinity = s.statefulSets[0]!.spec!.template.spec!.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!;
      affinity.nodeSelectorTerms.push({ matchExpressions: [{ key: 'disktype', operator: 'In', values: ['hdd'] }] });
    });
    expect(failedParts(report, 'apps-scheduling').map((p) => p.label)).toEqual(['postgresql의 SSD 노드 전용 규칙']);
  });

  it('a namespace that only denies ingress loses its default-deny points', () => {
    const report = broken((s) => {
      s.networkPolicies.find((p) => p.metadata?.namespace === 'fp-dev' && p.metadata.name === 'default-deny-all')!.spec!.policyTypes = ['Ingress'];
    });
    expect(check(report, 'netpol-default-deny').earned).toBe(4);
    expect(failedParts(report, 'netpol-default-deny')[0]!.missing).toContain('Egress');
  });

  it('DNS allowed over TCP only does not count', () => {
    const report = broken((s) => {
      s.networkPolicies.find((p) => p.metadata?.namespace === 'fp-staging' && p.metadata.name === 'allow-dns')!.spec!.egress = [{ ports: [{ protocol: 'TCP', port: 53 }] }];
    });
    expect(failedParts(report, 'netpol-dns')[0]!.missing).toContain('fp-staging');
  });

  it('an HPA that may shrink to one replica is not enough', () => {
    const report = broken((s) => (s.hpas[1]!.spec!.minReplicas = 1));
    expect(failedParts(report, 'hpa').map((p) => p.missing)).toEqual(['backend: minReplicas가 1입니다 (가용성을 위해 2 이상)']);
  });

  it('an HPA pointing at a missing Deployment is not enough', () => {
    const report = broken((s) => (s.hpas[0]!.spec!.scaleTargetRef.name = 'web'));
    expect(failedParts(report, 'hpa').map((p) => p.label)).toEqual(['frontend HPA']);
  });

  it('a backup kept 30 days and without volumes loses two points', () => {
    const report = broken((s) => {
      const t = s.schedules[0]!.spec!.template!;
      delete t.ttl;
      delete t.defaultVolumesToFsBackup;
    });
    expect(check(report, 'backup-schedule').earned).toBe(1);
  });

  it('PGDATA outside the volume loses the mount point', () => {
    const report = broken((s) => (s.statefulSets[0]!.spec!.template.spec!.containers[0]!.env![0]!.value = '/tmp/pgdata'));
    expect(failedParts(report, 'storage-mounts').map((p) => p.label)).toEqual(['postgresql 데이터 디렉터리가 PVC 위']);
  });

  it('a database volume on an HDD node loses the SSD points', () => {
    const report = broken((s) => {
      s.pvs.find((v) => v.metadata?.name === 'pvc-data-postgresql-0')!.spec!.nodeAffinity!.required!.nodeSelectorTerms[0]!.matchExpressions![0]!.values = ['w3'];
    });
    expect(check(report, 'storage-ssd').earned).toBe(0);
  });

  it('a Pending claim loses the PVC points of that StatefulSet', () => {
    const report = broken((s) => (s.pvcs.find((c) => c.metadata?.name === 'data-rabbitmq-0')!.status!.phase = 'Pending'));
    expect(failedParts(report, 'storage-pvc').map((p) => p.missing)).toEqual(['Bound가 아닌 PVC: data-rabbitmq-0(Pending)']);
  });

  it('a token mounted through the account (pod spec silent) loses the dedicated-account point', () => {
    const report = broken((s) => {
      delete s.deployments[2]!.spec!.template.spec!.automountServiceAccountToken;
      s.serviceAccounts.find((a) => a.metadata?.name === 'redis')!.automountServiceAccountToken = true;
    });
    expect(failedParts(report, 'rbac-serviceaccounts').map((p) => p.label)).toEqual(['전용 서비스 어카운트, 토큰 마운트 안 함']);
  });

  it('a developer who can write to prod loses that point', () => {
    const report = broken((s) => (s.access.find((a) => a.user === 'dev-alice' && a.verb === 'create' && a.namespace === 'fp-prod')!.allowed = true));
    expect(failedParts(report, 'rbac-developer').map((p) => p.missing)).toEqual([
      'dev-alice(그룹 fp-developers): fp-prod의 create deployments.apps 권한이 있습니다 (막혀야 함)',
    ]);
  });

  it('a failed review is reported, not guessed', () => {
    const report = broken((s) => (s.access.find((a) => a.user === 'ops-bob' && a.verb === 'patch')!.error = 'HTTP 403'));
    expect(failedParts(report, 'rbac-operator')[0]!.missing).toContain('SubjectAccessReview 실패 (HTTP 403)');
  });

  it('an HTTPRoute to the frontend on a plain HTTP listener loses the TLS points', () => {
    const report = broken((s) => (s.httpRoutes[0]!.spec!.parentRefs![0]!.sectionName = 'http'));
    expect(check(report, 'net-gateway').earned).toBe(2);
  });

  it('a ServiceMonitor naming a port the Service lacks loses the port point', () => {
    const report = broken((s) => (s.serviceMonitors[0]!.spec!.endpoints = [{ port: 'metrics' }]));
    expect(failedParts(report, 'mon-servicemonitor').map((p) => p.label)).toEqual(['엔드포인트 포트 이름이 Service에 있음']);
  });

  it('a log collector that skips the control plane loses the everywhere points', () => {
    const report = broken((s) => Object.assign(s.daemonSets[0]!.status!, { desiredNumberScheduled: 3, numberReady: 3 }));
    expect(failedParts(report, 'log-collector').map((p) => p.label)).toEqual(['모든 노드(컨트롤 플레인 포함)에서 수집']);
  });

  it('a namespace enforcing baseline loses its PSS point', () => {
    const report = broken((s) => (s.namespaces[0]!.metadata!.labels = { 'pod-security.kubernetes.io/enforce': 'baseline' }));
    expect(failedParts(report, 'pss-restricted').map((p) => p.missing)).toEqual(['fp-dev의 pod-security.kubernetes.io/enforce가 baseline입니다 (restricted 필요)']);
  });

  it('a database password not made by an ExternalSecret loses those points', () => {
    const report = broken((s) => (s.externalSecrets = []));
    expect(check(report, 'secrets-external').earned).toBe(0);
  });

  it('a container without probes loses the probe point', () => {
    const report = broken((s) => delete s.deployments[1]!.spec!.template.spec!.containers[0]!.livenessProbe);
    expect(failedParts(report, 'resilience')[0]!.missing).toContain('backend/backend');
  });

  it('a workload still rolling out is not Ready', () => {
    const report = broken((s) => (s.statefulSets[1]!.status!.readyReplicas = 0));
    expect(failedParts(report, 'apps-ready').map((p) => p.missing)).toEqual(['rabbitmq: 준비된 레플리카 0/1']);
  });
});
