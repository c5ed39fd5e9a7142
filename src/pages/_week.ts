/** The week at a glance, shown on the landing page; each entry links to its day overview. */
export interface DayPlan {
  day: number;
  title: string;
  sessions: [string, string, string];
  lab: string;
  challenge: string;
}

export const WEEK: DayPlan[] = [
  {
    day: 1,
    title: '클러스터 아키텍처',
    sessions: ['쿠버네티스 아키텍처 개요', 'etcd 심화', '요청 흐름과 장애 진단'],
    lab: '멀티 노드 kind 클러스터, etcd 키 읽기, API 요청 추적',
    challenge: '멈춘 스케줄러, NotReady 노드, 잘못된 etcd 설정',
  },
  {
    day: 2,
    title: '워크로드 관리',
    sessions: ['파드(Pod)', '컨트롤러 계층', '스케줄링'],
    lab: '배포, 롤링 업데이트와 롤백, 어피니티와 테인트',
    challenge: 'ImagePullBackOff, 셀렉터 불일치, Pending 파드',
  },
  {
    day: 3,
    title: '네트워킹 & 스토리지',
    sessions: ['네트워크 모델과 Service', 'Ingress, Gateway API, NetworkPolicy', '스토리지'],
    lab: 'Service 타입, 호스트 라우팅, NetworkPolicy, PostgreSQL StatefulSet',
    challenge: '엔드포인트 없는 Service, DNS를 막은 정책, Pending PVC',
  },
  {
    day: 4,
    title: '보안 & 클러스터 관리',
    sessions: ['인증과 인가', '워크로드 보안', '클러스터 운영과 업그레이드'],
    lab: 'RBAC, restricted 네임스페이스, Secret, PDB 아래 drain',
    challenge: 'Forbidden, cluster-admin 서비스 계정, 거부된 파드',
  },
  {
    day: 5,
    title: '운영 & 고급 기능',
    sessions: ['모니터링 & 로깅', '오토스케일링 & 자동화', '고급 기능 & 미래'],
    lab: 'Prometheus Operator, HPA/VPA, Fluent Bit 로깅',
    challenge: '빡빡한 HPA, 빈 ServiceMonitor 셀렉터, 로그 수집 실패',
  },
];
