/** The report for people (Korean text for a terminal or a notebook cell) and for programs (JSON). */
import type { CheckResult, RubricReport } from './types';

export type RubricFormat = 'human' | 'json';
export const isRubricFormat = (value: string): value is RubricFormat => value === 'human' || value === 'json';

function checkLines(check: CheckResult): string[] {
  if (check.judge === 'human') return [`    [사람 평가 ${check.possible}점] ${check.title}: ${check.how}`];
  const mark = check.earned === check.possible ? '✔' : '✘';
  const lines = [`    ${mark} ${check.earned}/${check.possible}점  ${check.title}`];
  for (const part of check.parts) if (!part.ok) lines.push(`        - ${part.label} (${part.points}점): ${part.missing}`);
  return lines;
}

export function formatHuman(report: RubricReport): string {
  const { dev, staging, prod } = report.namespaces;
  const lines = [
    `최종 프로젝트 자동 채점: 접두사 ${report.prefix} (${dev}, ${staging}, ${prod})${report.context ? `, 컨텍스트 ${report.context}` : ''}`,
    '',
  ];
  for (const area of report.areas) {
    lines.push(`${area.title} (${area.points}점): 자동 ${area.machineEarned}/${area.machinePossible}점, 사람 평가 ${area.humanPoints}점`);
    for (const criterion of area.criteria) {
      lines.push(`  ${criterion.title} (${criterion.points}점)`);
      for (const check of criterion.checks) lines.push(...checkLines(check));
    }
    lines.push('');
  }
  lines.push('보너스 (사람 평가)');
  for (const bonus of report.bonus) lines.push(`  +${bonus.points}점 ${bonus.title}: ${bonus.items.join(', ')}`);
  lines.push('');
  for (const note of report.notes) lines.push(`참고: ${note}`);
  const t = report.totals;
  lines.push(
    `합계: 자동 채점 ${t.machineEarned}/${t.machinePossible}점 · 사람 평가 ${t.humanPossible}점은 발표와 데모에서 · 보너스 최대 +${t.bonusPossible}점 (만점 ${t.total}점)`,
  );
  return `${lines.join('\n')}\n`;
}

export const formatJson = (report: RubricReport): string => `${JSON.stringify(report, null, 2)}\n`;

export const FORMATTERS: Record<RubricFormat, (report: RubricReport) => string> = { human: formatHuman, json: formatJson };
