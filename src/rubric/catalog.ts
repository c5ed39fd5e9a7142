/**
 * The seed's rubric (기능성 40 / 보안성 25 / 운영성 25 / 안정성 10, bonus +15), each line split into
 * checks a machine can judge from cluster state and checks only a reviewer can judge. Pure data: the
 * CLI scores from it and the site renders the same table, so the page and the scorer never disagree.
 */
import type { BonusCriterion, RubricArea, RubricCriterion } from './types';

export const AREAS: readonly RubricArea[] = [
  { id: 'functionality', title: '기능성', points: 40 },
  { id: 'security', title: '보안성', points: 25 },
  { id: 'operability', title: '운영성', points: 25 },
  { id: 'stability', title: '안정성', points: 10 },
];

export const CRITERIA: readonly RubricCriterion[] = [
  {
    id: 'cluster',
    area: 'functionality',
    title: '클러스터 정상 구축 및 HA 구성',
    points: 10,
    checks: [
      { id: 'cluster-nodes', title: '노드 구성과 스케줄링 레이블', points: 5, judge: 'machine', how: '컨트롤 플레인 노드와 워커 3대 이상이 Ready이고, 워커에 node-type=cpu-optimized, disktype=ssd 레이블이 있는지' },
      { id: 'cluster-ha', title: 'HA 컨트롤 플레인과 etcd 백업·복원', points: 5, judge: 'human', how: '컨트롤 플레인 3대(로드밸런서 뒤)와 외부 etcd를 설계하고, etcd 스냅샷 백업·복원을 시연하는지. 과정 클러스터는 컨트롤 플레인이 1대라 기계가 판정하지 않습니다' },
    ],
  },
  {
    id: 'apps',
    area: 'functionality',
    title: '모든 애플리케이션 정상 배포',
    points: 10,
    checks: [
      { id: 'apps-ready', title: '다섯 애플리케이션의 준비 상태', points: 5, judge: 'machine', how: 'prod 네임스페이스에서 frontend, backend, redis(Deployment)와 postgresql, rabbitmq(StatefulSet)의 레플리카가 모두 Ready인지' },
      { id: 'apps-scheduling', title: '스케줄링 요구사항', points: 5, judge: 'machine', how: 'frontend의 노드 분산 규칙과 실제 분산, backend의 cpu-optimized 노드 선호, postgresql의 SSD 노드 전용 규칙과 실제 배치' },
    ],
  },
  {
    id: 'network',
    area: 'functionality',
    title: '네트워킹 및 외부 접근 가능',
    points: 10,
    checks: [
      { id: 'net-services', title: 'Service와 엔드포인트', points: 3, judge: 'machine', how: '각 애플리케이션을 고르는 Service에 준비된 엔드포인트가 있고, StatefulSet은 헤드리스 Service를 쓰는지' },
      { id: 'net-gateway', title: 'Gateway, HTTPRoute, TLS 인증서', points: 4, judge: 'machine', how: 'frontend로 가는 HTTPRoute가 Gateway의 HTTPS 리스너에 붙어 있고, 그 인증서 Secret을 cert-manager Certificate가 관리하는지' },
      { id: 'net-external', title: '도메인으로 실제 접속', points: 3, judge: 'human', how: '클러스터 밖에서 환경별 도메인으로 HTTPS 접속이 되는 것을 데모로 보이는지. 설정은 기계가 보지만 실제 접속 경로(DNS, 로드밸런서)는 사람이 확인합니다' },
    ],
  },
  {
    id: 'storage',
    area: 'functionality',
    title: '스토리지 및 데이터 영속성',
    points: 10,
    checks: [
      { id: 'storage-pvc', title: 'StatefulSet의 PVC', points: 6, judge: 'machine', how: 'postgresql과 rabbitmq가 volumeClaimTemplates로 만든 PVC가 모두 Bound인지' },
      { id: 'storage-mounts', title: '데이터 디렉터리가 볼륨 위에 있음', points: 2, judge: 'machine', how: 'volumeClaimTemplates의 볼륨이 컨테이너에 마운트되고, PostgreSQL의 PGDATA가 그 마운트 아래에 있는지' },
      { id: 'storage-ssd', title: '데이터베이스 볼륨이 SSD 노드에 있음', points: 2, judge: 'machine', how: 'postgresql PVC에 묶인 PV가 disktype=ssd 노드에 있는지 (PV의 노드 어피니티)' },
    ],
  },
  {
    id: 'rbac',
    area: 'security',
    title: 'RBAC 정책 적용 및 테스트',
    points: 10,
    checks: [
      { id: 'rbac-developer', title: '개발자 권한', points: 4, judge: 'machine', how: 'SubjectAccessReview로 그룹 <prefix>-developers(사용자 dev-alice)가 dev에서는 쓰기 가능, prod에서는 쓰기와 Secret 읽기가 불가능한지' },
      { id: 'rbac-operator', title: '운영자 권한', points: 4, judge: 'machine', how: 'SubjectAccessReview로 그룹 <prefix>-operators(사용자 ops-bob)가 모든 환경을 읽고 prod에만 쓰며, dev의 Secret은 못 읽는지' },
      { id: 'rbac-serviceaccounts', title: '서비스 어카운트 최소 권한', points: 2, judge: 'machine', how: 'prod 워크로드가 default가 아닌 전용 서비스 어카운트를 쓰고 토큰을 마운트하지 않으며, 그 어카운트가 Secret 목록·파드 생성 권한이 없는지' },
    ],
  },
  {
    id: 'netpol',
    area: 'security',
    title: 'Network Policy 구현',
    points: 8,
    checks: [
      { id: 'netpol-default-deny', title: '네임스페이스마다 기본 차단', points: 6, judge: 'machine', how: 'dev, staging, prod 각각에 모든 파드의 Ingress와 Egress를 막는 NetworkPolicy가 있는지' },
      { id: 'netpol-dns', title: 'DNS 허용', points: 2, judge: 'machine', how: '세 네임스페이스 모두에서 모든 파드의 DNS(UDP 53) 이그레스가 허용되는지' },
    ],
  },
  {
    id: 'secrets',
    area: 'security',
    title: 'Secret 관리 및 보안 강화',
    points: 7,
    checks: [
      { id: 'pss-restricted', title: 'Pod Security Standards restricted', points: 3, judge: 'machine', how: 'dev, staging, prod 네임스페이스에 pod-security.kubernetes.io/enforce=restricted 레이블이 있는지' },
      { id: 'secrets-external', title: 'External Secrets로 만든 DB 자격 증명', points: 2, judge: 'machine', how: 'postgresql이 쓰는 Secret을 prod의 ExternalSecret이 만드는지' },
      { id: 'image-scan', title: '이미지 스캔', points: 2, judge: 'human', how: 'CI 파이프라인이 이미지를 스캔하고(예: Trivy), 심각한 취약점이 있으면 배포를 막는지 파이프라인과 결과로 보이는지' },
    ],
  },
  {
    id: 'monitoring',
    area: 'operability',
    title: '모니터링 대시보드 구성',
    points: 10,
    checks: [
      { id: 'mon-servicemonitor', title: 'ServiceMonitor', points: 3, judge: 'machine', how: 'ServiceMonitor가 backend Service를 고르고, 엔드포인트의 포트 이름이 그 Service에 있는지' },
      { id: 'mon-rules', title: '알림 규칙', points: 3, judge: 'machine', how: 'PrometheusRule에 알림(alert) 규칙이 있고, for와 severity 레이블을 갖춘 규칙이 있는지' },
      { id: 'mon-dashboards', title: '대시보드의 구성과 품질', points: 4, judge: 'human', how: 'Grafana 대시보드가 서비스 상태(요청량, 오류율, 지연, 자원, 스케일링)를 한눈에 보여 주고 알림이 실제로 전달되는지 데모로 보이는지' },
    ],
  },
  {
    id: 'logging',
    area: 'operability',
    title: '로깅 시스템 구축',
    points: 8,
    checks: [
      { id: 'log-collector', title: '로그 수집기', points: 4, judge: 'machine', how: '프로젝트 네임스페이스의 로그 수집 DaemonSet(Fluent Bit 등)이 준비되었고, 컨트롤 플레인을 포함한 모든 노드에서 도는지' },
      { id: 'log-store', title: '로그 저장소', points: 4, judge: 'machine', how: '로그 저장소(Elasticsearch, OpenSearch, Loki)가 준비되었고 데이터를 PVC에 저장하는지' },
    ],
  },
  {
    id: 'autoscaling',
    area: 'operability',
    title: '자동 스케일링 동작 확인',
    points: 7,
    checks: [
      { id: 'hpa', title: 'HPA 설정', points: 4, judge: 'machine', how: 'frontend와 backend에 autoscaling/v2 HPA가 있고, 존재하는 Deployment를 가리키며, minReplicas 2 이상과 CPU/메모리 메트릭을 쓰는지' },
      { id: 'hpa-load-test', title: '부하 테스트에서의 확장과 축소', points: 3, judge: 'human', how: '동시 사용자 100명 부하에서 HPA가 늘고, 부하가 끝난 뒤 줄어드는 것을 데모로 보이는지' },
    ],
  },
  {
    id: 'incident',
    area: 'stability',
    title: '장애 상황 대응 능력',
    points: 5,
    checks: [
      { id: 'resilience', title: 'PDB와 프로브', points: 2, judge: 'machine', how: 'frontend와 backend에 PodDisruptionBudget이 있고, prod의 모든 컨테이너에 readiness·liveness 프로브가 있는지' },
      { id: 'incident-drill', title: '장애 주입과 복구', points: 3, judge: 'human', how: '노드 장애, 파드 삭제 같은 장애를 주입하고 5분 안에 진단·복구하는 과정을 보이는지' },
    ],
  },
  {
    id: 'backup',
    area: 'stability',
    title: '백업/복원 절차 수행',
    points: 5,
    checks: [
      { id: 'backup-schedule', title: '일일 백업 일정', points: 3, judge: 'machine', how: 'prod를 포함하는 Velero Schedule이 매일 돌고, 7일(168h) 보관하며, 볼륨 데이터까지 백업하는지' },
      { id: 'restore-drill', title: '복원 리허설', points: 2, judge: 'human', how: '백업에서 네임스페이스를 실제로 복원하고 데이터가 돌아온 것을 보이는지' },
    ],
  },
];

export const BONUS: readonly BonusCriterion[] = [
  { id: 'bonus-advanced', title: '고급 기능 구현', points: 10, items: ['Service Mesh (Istio) 적용', 'Custom Operator 개발', 'Multi-cluster 구성', 'Chaos Engineering 적용'] },
  { id: 'bonus-creative', title: '창의적 해결책', points: 5, items: ['독창적인 모니터링 대시보드', '효율적인 CI/CD 파이프라인', '비용 최적화 전략'] },
];

export const sumPoints = (checks: readonly { points: number }[]): number => checks.reduce((sum, c) => sum + c.points, 0);

export const allChecks = () => CRITERIA.flatMap((c) => c.checks);

/** Points the machine can award at most (the reference solution earns all of them). */
export const MACHINE_POINTS = sumPoints(allChecks().filter((c) => c.judge === 'machine'));
export const HUMAN_POINTS = sumPoints(allChecks().filter((c) => c.judge === 'human'));
