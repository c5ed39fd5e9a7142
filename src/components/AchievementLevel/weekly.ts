/** The seed's weekly assessment (주간 종합 평가) and achievement levels (성취 수준별 가이드), as data. */

export interface WeeklyArea {
  /** Checklist id: its storage key, stable. */
  id: string;
  title: string;
  /** Percent of the week's score. */
  weight: number;
  items: ReadonlyArray<{ id: string; label: string }>;
}

export const WEEKLY: readonly WeeklyArea[] = [
  {
    id: 'weekly-technical',
    title: '기술적 역량',
    weight: 40,
    items: [
      { id: 'architecture', label: 'Kubernetes 아키텍처 완전 이해' },
      { id: 'operations', label: '실무 환경 구축 및 운영 능력' },
      { id: 'troubleshooting', label: '문제 상황 진단 및 해결 능력' },
    ],
  },
  {
    id: 'weekly-collaboration',
    title: '협업 및 소통',
    weight: 30,
    items: [
      { id: 'contribution', label: '팀 프로젝트 기여도' },
      { id: 'sharing', label: '지식 공유 및 상호 학습' },
      { id: 'presentation', label: '발표 및 설명 능력' },
    ],
  },
  {
    id: 'weekly-creativity',
    title: '창의성 및 응용',
    weight: 20,
    items: [
      { id: 'original', label: '독창적인 해결책 제시' },
      { id: 'trends', label: '최신 기술 트렌드 적용' },
      { id: 'improvement', label: '실무 개선 아이디어 제안' },
    ],
  },
  {
    id: 'weekly-attitude',
    title: '학습 태도',
    weight: 10,
    items: [
      { id: 'participation', label: '적극적인 참여 및 질문' },
      { id: 'persistence', label: '지속적인 학습 의지' },
      { id: 'feedback', label: '피드백 수용 및 개선' },
    ],
  },
];

export interface Level {
  id: 'beginner' | 'intermediate' | 'advanced';
  title: string;
  min: number;
  descriptions: readonly string[];
}

/** Highest first: a score reaches the first level whose minimum it meets. */
export const LEVELS: readonly Level[] = [
  { id: 'advanced', title: '고급', min: 90, descriptions: ['프로덕션급 클러스터 설계', '고급 기능 및 최신 트렌드 적용', '멘토링 및 지식 전파 능력'] },
  { id: 'intermediate', title: '중급', min: 75, descriptions: ['복잡한 워크로드 설계 및 배포', '보안 및 네트워킹 정책 구현', '모니터링 및 운영 환경 구축'] },
  { id: 'beginner', title: '초급', min: 60, descriptions: ['기본 Kubernetes 개념 이해', '간단한 애플리케이션 배포 가능', '기본적인 문제 해결 능력'] },
];
