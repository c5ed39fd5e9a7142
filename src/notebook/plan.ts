import { isRunnable, skipMessage, unmetNeeds, type Capabilities, type ParsedFile, type RunnableCell } from '../core';
import { NAMESPACE_PATTERN } from '../core/syntax';
import { attachMutants, outputsByCell } from './proof-plan';
import type { MainItem, NotebookPlan, Phase, PlanStep, ScenarioPlan, SkipNote, StepKind } from './types';

function kindOf(cell: RunnableCell): StepKind {
  if (cell.kind === 'manifest') return cell.cleanup ? 'delete' : cell.expectInvalid ? 'expect-invalid' : 'apply';
  return cell.role === 'verify' ? 'verify' : cell.role === 'background' ? 'background' : 'run';
}

const isCleanup = (cell: RunnableCell): boolean => (cell.kind === 'shell' ? cell.role === 'cleanup' : cell.cleanup);

/** The cell's needs that these capabilities lack (none when the capabilities are not known: --dry-list). */
export function skipOf(cell: RunnableCell, caps: Capabilities | undefined): Pick<PlanStep, 'unmet' | 'skipReason'> {
  if (!caps) return {};
  const unmet = unmetNeeds(cell.needs, caps);
  return unmet.length ? { unmet: unmet.map((u) => u.need), skipReason: skipMessage(unmet, cell.needsReason) } : {};
}

function step(cell: RunnableCell, phase: Phase, caps: Capabilities | undefined, expect: 'pass' | 'fail' = 'pass'): PlanStep {
  return {
    cell,
    kind: kindOf(cell),
    phase,
    scenario: cell.scenario,
    expect,
    ...skipOf(cell, caps),
  };
}

/** Essential cells of a scenario that cannot run here: then none of it runs. */
export function scenarioSkips(cells: readonly RunnableCell[], caps: Capabilities | undefined): SkipNote[] {
  const skips: SkipNote[] = [];
  for (const c of cells) {
    const { unmet, skipReason } = skipOf(c, caps);
    if (unmet && skipReason) skips.push({ cellId: c.id, reason: skipReason, needs: unmet });
  }
  return skips;
}

/**
 * A scenario's cells in protocol order: faults, the other cells of the scenario (what the reader
 * runs to investigate), its verify cells expected to fail, the solutions, the verify cells again
 * expected to pass. Within each group, document order.
 */
function scenarioPlan(scenario: string, cells: RunnableCell[], caps: Capabilities | undefined): ScenarioPlan {
  const verifies = cells.filter((c) => c.kind === 'shell' && c.role === 'verify' && !c.challengePart);
  const faults = cells.filter((c) => c.challengePart === 'fault');
  const solutions = cells.filter((c) => c.challengePart === 'solution');
  const others = cells.filter((c) => !c.challengePart && !verifies.includes(c));
  const steps = [
    ...faults.map((c) => step(c, 'fault', caps)),
    ...others.map((c) => step(c, 'investigate', caps)),
    ...verifies.map((c) => step(c, 'verify-broken', caps, 'fail')),
    ...solutions.map((c) => step(c, 'solution', caps)),
    ...verifies.map((c) => step(c, 'verify-fixed', caps)),
  ];
  // Without its fault, a verify or a solution the proof means nothing: skip the whole scenario.
  // A skipped investigation step (a curl that needs real containers) is just skipped.
  const essential = [...faults, ...verifies, ...solutions];
  const skips = scenarioSkips(essential, caps);
  let problem: string | undefined;
  if (verifies.length === 0) problem = `시나리오 ${scenario}에 verify 셀이 없어 "고장 → 수정"을 증명할 수 없습니다. scenario=${scenario}인 bash verify 셀을 추가하세요.`;
  else if (faults.length === 0) problem = `시나리오 ${scenario}에 fault 셀이 없어 고장 난 상태를 만들 수 없습니다.`;
  else if (solutions.length === 0) problem = `시나리오 ${scenario}에 solution 셀이 없어 고친 상태를 확인할 수 없습니다.`;
  return { type: 'scenario', scenario, steps, essential, skips, problem };
}

/**
 * What the notebook runner will do with a parsed notebook, in order, without touching anything.
 * Cleanup cells always go to the end (they run even after a failure); a challenge scenario runs
 * where its first cell is, as one protocol. A cell whose `needs=` the capabilities lack is planned as
 * skipped, with the reason (the executor looks again for add-ons an earlier cell may have installed).
 */
export function planNotebook(parsed: ParsedFile, options: { ci: boolean; capabilities?: Capabilities }): NotebookPlan {
  const caps = options.capabilities;
  const runnable = parsed.cells.filter(isRunnable);
  const cleanup = runnable.filter(isCleanup).map((c) => step(c, 'cleanup', caps));
  const byScenario = new Map<string, RunnableCell[]>();
  for (const cell of runnable) {
    if (isCleanup(cell) || !cell.scenario) continue;
    byScenario.set(cell.scenario, [...(byScenario.get(cell.scenario) ?? []), cell]);
  }
  const main: MainItem[] = [];
  const placed = new Set<string>();
  for (const cell of runnable) {
    if (isCleanup(cell)) continue;
    if (!cell.scenario) {
      main.push({ type: 'step', step: step(cell, 'main', caps) });
    } else if (!placed.has(cell.scenario)) {
      placed.add(cell.scenario);
      main.push(scenarioPlan(cell.scenario, byScenario.get(cell.scenario)!, caps));
    }
  }
  if (options.ci) {
    const outputs = outputsByCell(parsed);
    for (const s of planSteps({ main, cleanup } as NotebookPlan)) {
      const mine = outputs.get(s.cell.id);
      // A scenario's verify runs twice (broken, fixed): its output is the fixed one's.
      if (mine && s.phase !== 'verify-broken') s.outputs = mine;
    }
  }
  const orphanMutants = attachMutants(parsed, main, (cell, phase, expect) => step(cell, phase, caps, expect));
  const declared = parsed.frontMatter.namespace;
  const problems = [...parsed.problems];
  if (declared !== undefined && (typeof declared !== 'string' || !NAMESPACE_PATTERN.test(declared))) {
    problems.push({
      code: 'frontmatter',
      file: parsed.file,
      line: 1,
      column: 1,
      message: `front matter의 namespace(${String(declared)})가 쿠버네티스 네임스페이스 이름이 아닙니다 (소문자, 숫자, "-"만, 63자 이하).`,
    });
  }
  return {
    file: parsed.file,
    title: typeof parsed.frontMatter.title === 'string' ? parsed.frontMatter.title : undefined,
    declaredNamespace: typeof declared === 'string' ? declared : undefined,
    main,
    cleanup,
    problems,
    ci: options.ci,
    orphanMutants,
    capabilities: caps,
  };
}

/** Every step of the plan in execution order (for counting and listing). */
export function planSteps(plan: NotebookPlan): PlanStep[] {
  return [...plan.main.flatMap((item) => (item.type === 'step' ? [item.step] : item.steps)), ...plan.cleanup];
}
