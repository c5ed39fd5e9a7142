/**
 * The proofs a notebook carries besides its steps: the page's expected outputs (compared in CI)
 * and the declared mistakes of its lab steps (mutants). Planned here, executed in execute.ts.
 */
import { hashSource, type MutantCell, type OutputCell, type ParsedFile, type RunnableCell, type ShellCell } from '../core';
import type { MainItem, MutantPlan, PlanStep } from './types';

export function outputsByCell(parsed: ParsedFile): Map<string, OutputCell[]> {
  const map = new Map<string, OutputCell[]>();
  for (const cell of parsed.cells) if (cell.kind === 'output') map.set(cell.of, [...(map.get(cell.of) ?? []), cell]);
  return map;
}

/** Cells of the lab step a verify closes: runnable main cells after the previous verify, in order. */
function stepCellsBefore(verify: RunnableCell, main: MainItem[]): PlanStep[] {
  const steps = main.flatMap((item) => (item.type === 'step' ? [item.step] : []));
  const at = steps.findIndex((s) => s.cell.id === verify.id);
  const cells: PlanStep[] = [];
  for (let i = at - 1; i >= 0; i -= 1) {
    const s = steps[i]!;
    if (s.kind === 'verify') break;
    if (s.kind === 'run' || s.kind === 'apply') cells.unshift(s);
  }
  return cells;
}

/**
 * Where a mutant can be proven: a verify of the main sequence (restored by the step's cells), or a
 * challenge scenario's verify once the scenario is fixed (restored by the scenario's solution cells:
 * the mutant is a typical wrong fix, and the verify must not accept it).
 */
function verifyTargets(main: MainItem[]): Map<string, { step: PlanStep; restore: () => PlanStep[] }> {
  const targets = new Map<string, { step: PlanStep; restore: () => PlanStep[] }>();
  for (const item of main) {
    if (item.type === 'step') {
      if (item.step.kind === 'verify') targets.set(item.step.cell.id, { step: item.step, restore: () => stepCellsBefore(item.step.cell, main) });
      continue;
    }
    const solutions = item.steps.filter((s) => s.phase === 'solution');
    for (const s of item.steps) if (s.phase === 'verify-fixed') targets.set(s.cell.id, { step: s, restore: () => solutions });
  }
  return targets;
}

/**
 * The mutant's `undo="..."` as a shell cell of its own (same place, timeout, namespace and needs as
 * the mistake): what takes the mistake back when no cell of the page can.
 */
function undoCell(mutant: MutantCell, source: string): ShellCell {
  const v = mutant.variant;
  const common = { file: v.file, line: v.line, sourceLine: v.sourceLine, explicitId: v.explicitId, displayMeta: v.displayMeta, lang: 'bash' };
  const options = { timeoutSeconds: v.timeoutSeconds, namespace: v.namespace, needs: v.needs, needsReason: v.needsReason };
  return { ...common, ...options, id: `${mutant.id}-undo`, kind: 'shell', role: 'run', source, hash: hashSource(source), challengePart: undefined, scenario: undefined };
}

/**
 * Attaches every mutant to its verify step. `makeStep` builds a step like the plan's own (CI skips
 * included). A mutant whose verify is not in the main sequence or a scenario cannot be proven: reported skipped.
 */
export function attachMutants(
  parsed: ParsedFile,
  main: MainItem[],
  makeStep: (cell: RunnableCell, phase: PlanStep['phase'], expect?: 'pass' | 'fail') => PlanStep,
): MutantPlan[] {
  const cells = new Map(parsed.cells.map((c) => [c.id, c]));
  const targets = verifyTargets(main);
  const orphans: MutantPlan[] = [];
  for (const mutant of parsed.cells.filter((c): c is MutantCell => c.kind === 'mutant')) {
    const target = targets.get(mutant.of);
    const apply = makeStep(mutant.variant, 'mutant');
    if (!target) {
      orphans.push({ mutant, apply, restore: [], skipReason: `verify 셀 ${mutant.of}가 노트북의 본 순서나 챌린지 시나리오에 없어 증명하지 않았습니다.` });
      continue;
    }
    const verify = target.step;
    if (apply.cell.kind === 'manifest' && apply.cell.expectInvalid) {
      // Declared invalid on purpose: the API server refuses it (the validator proves that), so the
      // cluster never reaches the wrong state and the verify has nothing to catch.
      orphans.push({ mutant, apply, restore: [], skipReason: `일부러 틀린 매니페스트(expect-invalid)라 API 서버가 거부합니다. 검증기(npm run validate)가 거부를 확인하고, verify로는 증명하지 않습니다.` });
      continue;
    }
    const named = (ids: string[]) =>
      ids.flatMap((id) => {
        const cell = cells.get(id);
        return cell && (cell.kind === 'shell' || cell.kind === 'manifest') ? [makeStep(cell, 'restore')] : [];
      });
    const undo = mutant.undo ? [makeStep(undoCell(mutant, mutant.undo), 'restore')] : [];
    const restore = [...undo, ...(mutant.restore ? named(mutant.restore) : undo.length ? [] : target.restore().map((s) => makeStep(s.cell, 'restore')))];
    // A skipped restore cell (logs that need real containers) is just not re-run, like in the lab itself.
    const skips = [apply, verify].filter((s) => s.skipReason);
    const plan: MutantPlan = { mutant, apply, restore: restore.filter((s) => !s.skipReason) };
    if (skips.length > 0) plan.skipReason = `CI에서 건너뛰는 셀이 있어 증명하지 않았습니다: ${skips.map((s) => `${s.cell.id} (${s.skipReason})`).join(', ')}`;
    else if (plan.restore.length === 0) plan.skipReason = `바른 상태로 되돌릴 셀이 없습니다. mutant에 restore=셀id,...를 쓰세요.`;
    verify.mutants = [...(verify.mutants ?? []), plan];
  }
  return orphans;
}
