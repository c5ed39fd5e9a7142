import type { Phase, ScenarioStatus, StepKind, StepStatus } from '../types';

/** Korean words shared by the human report, the progress lines and the plan listing. */
export const KIND_KO: Record<StepKind, string> = {
  run: '실행',
  verify: '확인',
  background: '백그라운드',
  apply: '적용',
  delete: '삭제',
  'expect-invalid': '거부 확인',
};

export const PHASE_KO: Record<Phase, string> = {
  main: '',
  fault: '장애 주입',
  investigate: '조사',
  'verify-broken': '고장 확인(실패해야 함)',
  solution: '해결',
  'verify-fixed': '수정 확인(통과해야 함)',
  cleanup: '정리',
  mutant: '흔한 실수 적용',
  'mutant-verify': '실수 확인(실패해야 함)',
  restore: '바른 상태로 되돌림',
  'restored-verify': '되돌린 뒤 확인(통과해야 함)',
};

export const STATUS_KO: Record<StepStatus, string> = {
  passed: '통과',
  failed: '실패',
  'timed-out': '시간 초과',
  cancelled: '취소',
  error: '오류',
  skipped: '건너뜀',
  'not-run': '실행 안 함',
};

export const SCENARIO_KO: Record<ScenarioStatus, string> = {
  proven: '증명됨 (고장 → 수정)',
  'not-proven': '증명 안 됨 (고장 난 상태에서 verify가 통과)',
  'not-fixed': '해결 안 됨 (해결 뒤에도 verify 실패)',
  failed: '실패',
  skipped: '건너뜀',
  'not-run': '실행 안 함',
};

/** The symbol of a step in a terminal: met its expectation, did not, or did not run. */
export function mark(status: StepStatus, ok: boolean): string {
  if (status === 'skipped') return '-';
  if (status === 'not-run') return '·';
  return ok ? '✔' : '✘';
}
