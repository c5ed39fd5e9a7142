import { capabilitiesLine, NEED_KO } from '../../core';
import { formatDuration, labStepCoverage, needRows, proofCounts, verifyMutantCoverage } from '../summary';
import type { Counts, NotebookReport, RunReport, StepReport } from '../types';
import type { ReportFormat } from './index';
import { KIND_KO, mark, PHASE_KO, SCENARIO_KO, STATUS_KO } from './labels';

const TAIL_LINES = 30;

function tail(output: string): string[] {
  const lines = output.replace(/\n$/, '').split('\n');
  const shown = lines.slice(-TAIL_LINES).map((line) => `      | ${line}`);
  return lines.length > TAIL_LINES ? [`      | ... (앞 ${lines.length - TAIL_LINES}줄 생략)`, ...shown] : shown;
}

export function countsLine(c: Counts): string {
  return `실행 ${c.ran}, 통과 ${c.passed}, 실패 ${c.failed}, 건너뜀 ${c.skipped}, 실행 안 함 ${c.notRun}`;
}

/** One line per need that any step declared: run here / skipped for lack of it. */
export function needLines(c: Counts): string[] {
  return needRows(c).map((row) => `  needs=${row.need} (${NEED_KO[row.need]}): 실행 ${row.ran}, 없어서 건너뜀 ${row.skipped}`);
}

export function stepLine(step: StepReport): string {
  const phase = PHASE_KO[step.phase] ? ` [${step.scenario ? `${step.scenario} ` : ''}${PHASE_KO[step.phase]}]` : '';
  const time = step.status === 'skipped' || step.status === 'not-run' ? '' : ` (${formatDuration(step.durationMs)})`;
  return `  ${mark(step.status, step.ok)} ${step.cellId} ${KIND_KO[step.kind]}${phase}: ${STATUS_KO[step.status]}${time} — ${step.message}`;
}

function notebookSection(nb: NotebookReport): string[] {
  const out = [`${nb.failed ? '✘' : '✔'} ${nb.file}${nb.title ? ` — ${nb.title}` : ''}`];
  out.push(`  네임스페이스 ${nb.namespace}${nb.namespaceCreated ? ' (러너가 만들고 지움)' : ''}, ${formatDuration(nb.durationMs)}`);
  for (const problem of nb.problems) out.push(`  ✘ ${problem}`);
  for (const error of nb.errors) out.push(`  ✘ ${error}`);
  for (const step of nb.steps.filter((s) => !s.ok && s.status !== 'skipped' && s.status !== 'not-run')) {
    out.push(stepLine(step), `      ${step.file}:${step.line}`);
    if (step.output) out.push(...tail(step.output));
  }
  for (const s of nb.scenarios) out.push(`  시나리오 ${s.scenario}: ${SCENARIO_KO[s.status]} — ${s.message}`);
  for (const step of nb.steps.filter((s) => s.note && s.note !== '노트북 끝에서 멈췄습니다.')) out.push(`  참고: ${step.cellId} ${step.note}`);
  const skipped = nb.steps.filter((s) => s.status === 'skipped');
  if (skipped.length) {
    out.push('  건너뛴 셀과 이유:');
    const seen = new Set<string>();
    for (const s of skipped) {
      if (seen.has(s.cellId)) continue;
      seen.add(s.cellId);
      out.push(`    - ${s.cellId}: ${s.message}`);
    }
  }
  if (nb.outputChecks.length) {
    const p = proofCounts([nb]).outputs;
    out.push(`  예상 출력 ${p.total}개: 일치 ${p.matched}, 불일치 ${p.mismatch}, 비교 제외 ${p.exempt}, 셀이 실행되지 않아 비교 안 함 ${p.notRun}`);
    for (const c of nb.outputChecks.filter((c) => c.status !== 'matched' && c.status !== 'mismatch')) {
      out.push(`    - ${c.file}:${c.line} output-of=${c.cellId}: ${c.status === 'exempt' ? `비교 제외 (${c.message})` : c.message}`);
    }
  }
  for (const m of nb.mutants) {
    const sign = m.status === 'proven' ? '✔' : m.status === 'skipped' || m.status === 'not-run' ? '-' : '✘';
    out.push(`  ${sign} 흔한 실수 ${m.mutantId} → verify ${m.verifyId}: ${m.message}${m.status === 'proven' ? '' : ` (${m.file}:${m.line})`}`);
  }
  const uncovered = verifyMutantCoverage([nb]).without;
  if (nb.mutants.length && uncovered.length) out.push(`  흔한 실수(mutant)가 없는 verify 셀: ${uncovered.join(', ')}`);
  if (nb.leaks.length) {
    out.push(`  ✘ 노트북이 네임스페이스 밖에 남긴 객체 ${nb.leaks.length}개 (cleanup 셀로 지우세요):`);
    for (const leak of nb.leaks) out.push(`    - ${leak}`);
  }
  const notRun = nb.steps.filter((s) => s.status === 'not-run');
  if (notRun.length) out.push(`  실행하지 않은 셀 ${notRun.length}개: ${notRun[0]!.message}`);
  out.push(`  ${countsLine(nb.counts)}`);
  return out;
}

/** Korean summary for people: every notebook, its failures with output, scenarios and skip reasons. */
export const humanFormat: ReportFormat = {
  name: 'human',
  format(report: RunReport) {
    const out: string[] = [];
    for (const nb of report.notebooks) out.push(...notebookSection(nb), '');
    const c = report.counts;
    out.push(
      `노트북 ${report.notebooks.length}개${report.ci ? ' (CI 모드)' : ''}${report.context ? `, 컨텍스트 ${report.context}` : ''}: ${countsLine(c)} — ${formatDuration(report.durationMs)}`,
    );
    if (report.capabilities) out.push(`클러스터가 제공하는 것: ${capabilitiesLine(report.capabilities)}${report.capabilities.source ? ` (${report.capabilities.source})` : ''}`);
    const needs = needLines(c);
    if (needs.length) out.push('필요한 것(needs=)별 셀 실행:', ...needs);
    const proofs = proofCounts(report.notebooks);
    if (report.ci) {
      out.push(
        `예상 출력 ${proofs.outputs.total}개: 비교해서 일치 ${proofs.outputs.matched}/${proofs.outputs.matched + proofs.outputs.mismatch}, 비교 제외 ${proofs.outputs.exempt}, 셀이 실행되지 않음 ${proofs.outputs.notRun}`,
      );
    }
    if (proofs.mutants.total) out.push(`흔한 실수 ${proofs.mutants.total}개 중 증명됨 ${proofs.mutants.proven}`);
    const coverage = verifyMutantCoverage(report.notebooks);
    if (coverage.verifies) {
      out.push(
        `verify 셀 ${coverage.verifies}개 중 증명된 흔한 실수가 있는 셀 ${coverage.proven}개, 실수가 필요한 것(needs=)을 기다리는 셀 ${coverage.waiting}개, 실수가 없는 셀 ${coverage.without.length}개`,
      );
      // The bar's unit: a lab step (its verify cells together), named by verify ids when not proven.
      const steps = labStepCoverage(report.notebooks);
      out.push(`verify 셀이 있는 단계 ${steps.steps}개, 증명된 흔한 실수가 있는 단계 ${steps.proven}개`);
      if (steps.waiting.length) out.push(`  실수가 필요한 것(needs=)을 기다리는 단계 ${steps.waiting.length}개: ${steps.waiting.join(', ')}`);
      if (steps.without.length) out.push(`  증명된 실수가 없는 단계 ${steps.without.length}개: ${steps.without.join(', ')}`);
    }
    out.push(`네임스페이스 밖에 남은 객체: ${proofs.leaks}개`);
    if (report.interrupted) out.push('중단됨: Ctrl-C로 멈췄고, 정리 셀은 실행했습니다.');
    if (report.unreachable) out.push('중단됨: 클러스터(API 서버)에 연결할 수 없었습니다. 클러스터를 다시 켜고 실행하세요.');
    out.push(report.failed ? '결과: 실패' : '결과: 성공');
    // The plain closing line CI log readers look for.
    out.push(`notebooks: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
    return `${out.join('\n')}\n`;
  },
};
