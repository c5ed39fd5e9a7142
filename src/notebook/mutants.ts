/**
 * Proves that a verify cell catches a lab step's typical mistake: with the step right (the verify
 * just passed), apply the declared wrong variant, require the verify to FAIL, re-run the step's own
 * cells, require the verify to PASS again. A verify that passes on the mistake proves nothing.
 */
import type { ManifestCell } from '../core';
import type { ObjectResult } from '../kube/types';
import type { MutantPlan, MutantReport, PlanStep, StepReport } from './types';

/**
 * A manifest mutant may add objects the right state does not have (an extra RoleBinding): re-running
 * the step cannot remove them, so the restore first deletes what the mutant created.
 */
export function createdByMutant(plan: MutantPlan, objects: readonly ObjectResult[] | undefined): PlanStep | undefined {
  const variant = plan.mutant.variant;
  if (variant.kind !== 'manifest' || !objects) return undefined;
  const created = objects.filter((o) => o.status === 'created');
  const documents = variant.documents.filter((d) => created.some((o) => o.kind === d.kind && o.name === d.name && (o.namespace ?? '') === (d.namespace ?? o.namespace ?? '')));
  if (documents.length === 0) return undefined;
  const cell: ManifestCell = { ...variant, cleanup: true, documents };
  return { ...plan.apply, cell, kind: 'delete', phase: 'restore' };
}

export type RunPlanned = (step: PlanStep) => Promise<StepReport>;

/** Runs the mutant's restore steps in order; the problem of the first that fails, or undefined. */
async function restore(plan: MutantPlan, applied: StepReport, run: RunPlanned): Promise<string | undefined> {
  const undo = createdByMutant(plan, applied.objects);
  for (const step of undo ? [undo, ...plan.restore] : plan.restore) {
    const restored = await run(step);
    if (!restored.ok) {
      return `실수를 적용한 뒤 ${step.cell.id}를 다시 실행해 바른 상태로 되돌리지 못했습니다: ${restored.message}. mutant에 restore=셀id,...로 되돌릴 셀을 지정하세요.`;
    }
  }
  return undefined;
}

function report(plan: MutantPlan, status: MutantReport['status'], message: string): MutantReport {
  const { mutant } = plan;
  return { mutantId: mutant.id, verifyId: mutant.of, file: mutant.file, line: mutant.line, status, message };
}

export const mutantSkipped = (plan: MutantPlan, why?: string): MutantReport => report(plan, plan.skipReason ? 'skipped' : 'not-run', plan.skipReason ?? why ?? '');

/**
 * `verify` is the verify's main step; `run` executes a step (recording it in the notebook report).
 * Returns the mutant's report; 'proven' only when both expectations held and the state is restored.
 */
export async function proveMutant(plan: MutantPlan, verify: PlanStep, run: RunPlanned): Promise<MutantReport> {
  if (plan.skipReason) return mutantSkipped(plan);
  const where = `${plan.mutant.file}:${plan.mutant.line}`;
  const applied = await run(plan.apply);
  if (!applied.ok) {
    // A shell mutant can fail half-way (its patch landed, a later command did not): the steps after
    // it need the right state, so take the mistake back before reporting.
    const restoreProblem = await restore(plan, applied, run);
    const after = restoreProblem ? ` 되돌리기도 실패했습니다: ${restoreProblem}` : ' 바른 상태로는 되돌렸습니다.';
    return report(plan, 'failed', `흔한 실수(${where})를 적용하지 못했습니다: ${applied.message}. 틀린 변형도 그 자체로는 실행되어야 합니다.${after}`);
  }
  const broken = await run({ ...verify, phase: 'mutant-verify', expect: 'fail', outputs: undefined, mutants: undefined });
  const caught = broken.ok;
  const restoreProblem = await restore(plan, applied, run);
  if (restoreProblem) return report(plan, 'not-restored', restoreProblem);
  const fixed = await run({ ...verify, phase: 'restored-verify', expect: 'pass', outputs: undefined, mutants: undefined });
  if (!fixed.ok) return report(plan, 'not-restored', `바른 상태로 되돌린 뒤에도 verify(${verify.cell.id})가 실패합니다: ${fixed.message}`);
  if (!caught) {
    return report(plan, 'not-proven', `흔한 실수(${where})를 적용했는데도 verify(${verify.cell.id})가 통과했습니다. verify가 이 실수를 잡아내지 못합니다: 확인 조건을 더 구체적으로 쓰세요.`);
  }
  return report(plan, 'proven', `흔한 실수(${where})에서 verify가 실패하고, 되돌린 뒤 통과함을 확인했습니다.`);
}
