import type { RunnableCellProps } from './types';

/** The Korean badge for what a cell is, so a reader knows what running it will do. */
export function roleLabel(props: Pick<RunnableCellProps, 'kind' | 'role'>): string {
  if (props.kind === 'manifest') return '매니페스트';
  switch (props.role) {
    case 'verify':
      return '확인';
    case 'cleanup':
      return '정리';
    case 'background':
      return '백그라운드';
    default:
      return '실행';
  }
}

const FLAG_LABELS: Record<string, string> = {
  cleanup: '정리',
  fault: '장애 주입',
  solution: '해결',
  'expect-invalid': '거부되어야 함',
};

export function flagLabels(flags: string | undefined): string[] {
  return (flags ?? '')
    .split(' ')
    .filter(Boolean)
    .map((flag) => FLAG_LABELS[flag] ?? flag);
}
