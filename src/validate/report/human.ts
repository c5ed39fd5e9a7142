import type { ValidationReport, ValidationResult } from '../types';
import type { Reporter } from './types';

const label = (r: ValidationResult): string => (r.kind ? `${r.kind}/${r.name || '(이름 없음)'}` : 'YAML');

function rows(results: readonly ValidationResult[]): string[] {
  return results.flatMap((r) => {
    const locations = r.locations.length > 0 ? r.locations : [{ line: r.line, message: r.messages.join(' ') }];
    return locations.map((l) => `${r.file}:${l.line} ${label(r)}: ${l.message}`);
  });
}

/** `file:line kind/name: message` per problem, grouped by severity, then the counts. */
export const humanReporter: Reporter = {
  format: 'human',
  render(report: ValidationReport): string {
    const out: string[] = [];
    const section = (title: string, status: ValidationResult['status']) => {
      const list = report.results.filter((r) => r.status === status);
      if (list.length > 0) out.push(`${title} (${list.length})`, ...rows(list).map((row) => `  ${row}`), '');
    };
    section('틀린 매니페스트', 'invalid');
    section('검사하지 못한 매니페스트', 'error');
    section('경고', 'warning');
    const s = report.summary;
    out.push(
      `검사한 객체 ${s.checked}개: 유효 ${s.valid} (경고 ${s.warnings}), 틀림 ${s.invalid}, 주석 ${s.annotated} (fragment / not-k8s / expect-invalid), 검사 못 함 ${s.errors}`,
      `모드: ${report.mode === 'cluster' ? '클러스터 (server-side dry-run, strict)' : '오프라인 (OpenAPI 스키마)'} · 대상: ${report.against} · ${(report.durationMs / 1000).toFixed(1)}초`,
      ...report.notes,
    );
    return `${out.join('\n')}\n`;
  },
};
