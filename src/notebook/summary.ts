import { ALL_NEEDS, type Capabilities, type Need } from '../core';
import type { Counts, NotebookReport, RunReport, StepReport } from './types';

const bump = (map: Partial<Record<Need, number>>, need: Need): void => {
  map[need] = (map[need] ?? 0) + 1;
};

export function countSteps(steps: readonly StepReport[]): Counts {
  const counts: Counts = { ran: 0, passed: 0, failed: 0, skipped: 0, notRun: 0, skippedByNeed: {}, ranByNeed: {} };
  for (const step of steps) {
    if (step.status === 'skipped') {
      counts.skipped += 1;
      for (const need of step.skippedNeeds ?? []) bump(counts.skippedByNeed, need);
    } else if (step.status === 'not-run') counts.notRun += 1;
    else {
      counts.ran += 1;
      for (const need of step.needs ?? []) bump(counts.ranByNeed, need);
      if (step.ok) counts.passed += 1;
      else counts.failed += 1;
    }
  }
  return counts;
}

function addByNeed(a: Partial<Record<Need, number>>, b: Partial<Record<Need, number>>): Partial<Record<Need, number>> {
  const sum = { ...a };
  for (const [need, n] of Object.entries(b) as [Need, number][]) sum[need] = (sum[need] ?? 0) + n;
  return sum;
}

export function addCounts(all: readonly Counts[]): Counts {
  return all.reduce(
    (sum, c) => ({
      ran: sum.ran + c.ran,
      passed: sum.passed + c.passed,
      failed: sum.failed + c.failed,
      skipped: sum.skipped + c.skipped,
      notRun: sum.notRun + c.notRun,
      skippedByNeed: addByNeed(sum.skippedByNeed, c.skippedByNeed),
      ranByNeed: addByNeed(sum.ranByNeed, c.ranByNeed),
    }),
    { ran: 0, passed: 0, failed: 0, skipped: 0, notRun: 0, skippedByNeed: {}, ranByNeed: {} },
  );
}

/** Per need, in vocabulary order: how many steps that declare it ran, and how many were skipped for lack of it. */
export function needRows(c: Counts): Array<{ need: Need; ran: number; skipped: number }> {
  return ALL_NEEDS.filter((need) => c.ranByNeed[need] || c.skippedByNeed[need]).map((need) => ({
    need,
    ran: c.ranByNeed[need] ?? 0,
    skipped: c.skippedByNeed[need] ?? 0,
  }));
}

/** A notebook fails on any unmet step, author problem, setup error, unproven scenario or mutant, or leak. */
export function notebookFailed(
  report: Pick<NotebookReport, 'counts' | 'problems' | 'errors' | 'scenarios' | 'interrupted'> & Partial<Pick<NotebookReport, 'mutants' | 'leaks' | 'outputChecks'>>,
): boolean {
  return (
    report.counts.failed > 0 ||
    (report.leaks?.length ?? 0) > 0 ||
    (report.mutants ?? []).some((m) => m.status === 'not-proven' || m.status === 'not-restored' || m.status === 'failed') ||
    (report.outputChecks ?? []).some((c) => c.status === 'mismatch') ||
    report.problems.length > 0 ||
    report.errors.length > 0 ||
    report.interrupted ||
    report.scenarios.some((s) => s.status === 'not-proven' || s.status === 'not-fixed' || s.status === 'failed')
  );
}

export function runReport(
  notebooks: NotebookReport[],
  fields: { ci: boolean; context?: string; capabilities?: Capabilities; durationMs: number; interrupted: boolean },
): RunReport {
  return {
    ...fields,
    unreachable: notebooks.some((n) => n.unreachable),
    notebooks,
    counts: addCounts(notebooks.map((n) => n.counts)),
    failed: notebooks.some((n) => n.failed) || fields.interrupted,
  };
}

/**
 * Verify cells by what their mutants proved: with a proven mistake, with mistakes that could not run here
 * (their cells need real containers or an add-on: skipped by need), and with no declared mistake at all.
 */
export function verifyMutantCoverage(notebooks: readonly Pick<NotebookReport, 'steps' | 'mutants'>[]) {
  const verifies = notebooks.flatMap((n) => [...new Set(n.steps.filter((s) => s.kind === 'verify').map((s) => s.cellId))]);
  const mutants = notebooks.flatMap((n) => n.mutants);
  const proven = new Set(mutants.filter((m) => m.status === 'proven').map((m) => m.verifyId));
  const waiting = new Set(mutants.filter((m) => m.status === 'skipped' && !proven.has(m.verifyId)).map((m) => m.verifyId));
  const declared = new Set(mutants.map((m) => m.verifyId));
  return {
    verifies: verifies.length,
    proven: verifies.filter((v) => proven.has(v)).length,
    waiting: verifies.filter((v) => waiting.has(v)).length,
    without: verifies.filter((v) => !declared.has(v)),
  };
}

/**
 * The lab steps that end in a verify cell, the unit of the bar "one proven mistake per lab step": in
 * the main sequence, verify cells with no run or apply cell between them check the same step's cells
 * (mutants.ts restores with those cells); a challenge scenario is one step. Each step lists its verify ids.
 */
export function labSteps(steps: readonly StepReport[]): string[][] {
  const groups: string[][] = [];
  const byScenario = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const step of steps) {
    if (step.phase === 'main') {
      if (step.kind === 'run' || step.kind === 'apply') current = undefined;
      if (step.kind !== 'verify') continue;
      if (!current) groups.push((current = []));
      if (!current.includes(step.cellId)) current.push(step.cellId);
    } else if (step.kind === 'verify' && (step.phase === 'verify-broken' || step.phase === 'verify-fixed') && step.scenario) {
      let group = byScenario.get(step.scenario);
      if (!group) {
        group = [];
        byScenario.set(step.scenario, group);
        groups.push(group);
      }
      if (!group.includes(step.cellId)) group.push(step.cellId);
    }
  }
  return groups;
}

/**
 * Lab steps by what their mutants proved: a step counts as proven when one of its verify cells has a
 * proven mistake, as waiting when its mistakes could not run here (needs=), else as without one.
 * Steps are named by their verify ids (`a+b` for two verify cells of one step).
 */
export function labStepCoverage(notebooks: readonly Pick<NotebookReport, 'steps' | 'mutants'>[]) {
  const steps = notebooks.flatMap((n) => labSteps(n.steps));
  const mutants = notebooks.flatMap((n) => n.mutants);
  const proven = new Set(mutants.filter((m) => m.status === 'proven').map((m) => m.verifyId));
  const skipped = new Set(mutants.filter((m) => m.status === 'skipped').map((m) => m.verifyId));
  const name = (ids: string[]) => ids.join('+');
  const isProven = (ids: string[]) => ids.some((id) => proven.has(id));
  const waiting = steps.filter((ids) => !isProven(ids) && ids.some((id) => skipped.has(id)));
  return {
    steps: steps.length,
    proven: steps.filter(isProven).length,
    waiting: waiting.map(name),
    without: steps.filter((ids) => !isProven(ids) && !waiting.includes(ids)).map(name),
  };
}

/** Totals of the proofs besides the steps: expected outputs and mutants. */
export function proofCounts(notebooks: readonly Pick<NotebookReport, 'outputChecks' | 'mutants' | 'leaks'>[]) {
  const outputs = notebooks.flatMap((n) => n.outputChecks);
  const mutants = notebooks.flatMap((n) => n.mutants);
  const by = <T extends { status: string }>(list: T[], status: string) => list.filter((x) => x.status === status).length;
  return {
    outputs: { total: outputs.length, matched: by(outputs, 'matched'), mismatch: by(outputs, 'mismatch'), exempt: by(outputs, 'exempt'), notRun: by(outputs, 'not-run') },
    mutants: { total: mutants.length, proven: by(mutants, 'proven'), verifies: new Set(mutants.filter((m) => m.status === 'proven').map((m) => m.verifyId)).size },
    leaks: notebooks.reduce((sum, n) => sum + n.leaks.length, 0),
  };
}

/** `12.3초`, `2분 5초`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}초`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)}분 ${seconds % 60}초`;
}
