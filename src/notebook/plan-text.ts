import { capabilitiesLine, formatProblem } from '../core';
import { KIND_KO, PHASE_KO } from './format/labels';
import type { NotebookPlan, PlanStep } from './types';

function stepLine(step: PlanStep, number: number): string {
  const phase = step.phase !== 'main' && step.phase !== 'cleanup' ? ` [${PHASE_KO[step.phase]}]` : '';
  const where = `${step.cell.file}:${step.cell.line}`;
  const needs = step.cell.needs?.length ? ` [needs=${step.cell.needs.join(',')}]` : '';
  if (step.skipReason) return `   -  ${step.cell.id} ${KIND_KO[step.kind]}${phase}${needs} — 건너뜀: ${step.skipReason} (${where})`;
  const timeout = step.cell.timeoutSeconds ? `, 제한 ${step.cell.timeoutSeconds}초` : '';
  return `  ${String(number).padStart(3)}. ${step.cell.id} ${KIND_KO[step.kind]}${phase}${timeout}${needs} (${where})`;
}

/** The plan as `--dry-list` prints it: what would run, in which order, what is skipped and why. */
export function planText(plan: NotebookPlan, namespace: string): string {
  const out = [`${plan.file}${plan.title ? ` — ${plan.title}` : ''}`];
  out.push(`  네임스페이스: ${plan.declaredNamespace ?? `${namespace} (front matter에 없어 러너가 만들고 끝에서 지움)`}`);
  out.push(
    plan.capabilities
      ? `  클러스터가 제공하는 것: ${capabilitiesLine(plan.capabilities)}${plan.capabilities.source ? ` (${plan.capabilities.source})` : ''}`
      : '  클러스터가 제공하는 것: 모름 (--capabilities로 정하면 needs=에 따른 건너뜀도 보여 줍니다)',
  );
  if (plan.problems.length) {
    out.push('  셀 문법 문제가 있어 실행하지 않습니다:');
    for (const problem of plan.problems) out.push(`    ${formatProblem(problem)}`);
    return `${out.join('\n')}\n`;
  }
  let number = 0;
  let runs = 0;
  let skips = 0;
  const add = (step: PlanStep): void => {
    if (step.skipReason) skips += 1;
    else {
      number += 1;
      runs += 1;
    }
    out.push(stepLine(step, number));
  };
  for (const item of plan.main) {
    if (item.type === 'step') {
      add(item.step);
      continue;
    }
    out.push(`  시나리오 ${item.scenario}: 장애 주입 → verify 실패 확인 → 해결 → verify 통과 확인`);
    if (item.problem) out.push(`    ✘ ${item.problem}`);
    if (item.skips.length) {
      out.push(`    시나리오 전체를 건너뜀 (증명하지 않음): ${item.skips.map((s) => `${s.cellId}: ${s.reason}`).join('; ')}`);
      skips += item.steps.length;
      continue;
    }
    for (const step of item.steps) add(step);
  }
  if (plan.cleanup.length) out.push('  정리 (실패나 Ctrl-C 뒤에도 항상 실행):');
  for (const step of plan.cleanup) add(step);
  out.push(`  계획: 셀 실행 ${runs}번, 건너뜀 ${skips}번`);
  return `${out.join('\n')}\n`;
}
