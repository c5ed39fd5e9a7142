import type { CellRunState } from './useCellRun';

/** Korean words for what a run ended as; a stopped background cell is stopped, not an error. */
export function statusWord(status: CellRunState['status'], role: string | undefined): string {
  if (role === 'background' && (status === 'cancelled' || status === 'passed')) return status === 'cancelled' ? '중지됨' : '끝남';
  return STATUS_WORDS[status];
}

const STATUS_WORDS: Record<CellRunState['status'], string> = {
  idle: '',
  queued: '대기 중',
  running: '실행 중',
  skipped: '건너뜀',
  passed: '성공',
  failed: '실패',
  'timed-out': '시간 초과',
  cancelled: '취소됨',
  error: '오류',
};

/** What happened to one object of a manifest cell, in the words of the sentence around it. */
const OBJECT_WORDS: Record<string, string> = {
  valid: '유효',
  created: '생성됨',
  configured: '변경됨',
  unchanged: '변경 없음',
  deleted: '삭제됨',
  invalid: '유효하지 않음',
  'not-found': '없음',
  forbidden: '권한 없음',
  unreachable: '연결 안 됨',
  error: '오류',
};

export function objectWord(status: string): string {
  return OBJECT_WORDS[status] ?? status;
}

/**
 * The text of the nearest heading above a cell, so its buttons are named after the step they
 * belong to ("실행: 2단계 스케일링 (d2-lab-scale)") instead of twenty-four plain "실행".
 */
export function headingBefore(element: Element): string | undefined {
  const headings = element.ownerDocument.querySelectorAll('article h2, article h3, article h4');
  let nearest: Element | undefined;
  for (const heading of Array.from(headings)) {
    if (heading.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) nearest = heading;
    else break;
  }
  // Docusaurus adds a "#" permalink inside each heading; it is not part of the title.
  return nearest?.textContent?.replace(/\u200b|#$/g, '').trim() || undefined;
}
