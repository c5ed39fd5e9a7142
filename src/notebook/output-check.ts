/** CI's comparison of a step's expected-output blocks with its real output (matching in output-match.ts). */
import type { OutputCell } from '../core';
import type { CellResult } from '../runner';
import { formatOutputMismatch, matchOutput, type OutputMatch } from './output-match';
import { planSteps } from './plan';
import type { NotebookPlan, OutputCheck, PlanStep, StepReport } from './types';

const check = (cell: OutputCell, status: OutputCheck['status'], message: string, attempts?: number): OutputCheck => ({
  cellId: cell.of,
  file: cell.file,
  line: cell.line,
  status,
  message,
  attempts,
});

/**
 * Compares every tolerant block with `result.output`; while one differs and a block allows
 * `retry=N`, `rerun` runs the cell again (undefined: the re-run itself failed, stop).
 * `failure` is the Korean report with the diff of each block that still differs.
 */
export async function compareOutputs(
  outputs: OutputCell[],
  first: CellResult,
  rerun: () => Promise<CellResult | undefined>,
): Promise<{ checks: OutputCheck[]; failure?: string }> {
  const compared = outputs.filter((o) => o.compare.mode === 'tolerant');
  const retries = Math.max(0, ...compared.map((o) => (o.compare.mode === 'tolerant' ? o.compare.retries : 0)));
  let result: CellResult | undefined = first;
  let attempts = 1;
  let matches: OutputMatch[] = compared.map((o) => matchOutput(o.source, first.output));
  while (matches.some((m) => !m.ok) && attempts <= retries) {
    result = await rerun();
    attempts += 1;
    if (!result) break;
    const output = result.output;
    matches = compared.map((o) => matchOutput(o.source, output));
  }
  const checks: OutputCheck[] = [];
  const failures: string[] = [];
  for (const output of outputs) {
    if (output.compare.mode === 'none') {
      checks.push(check(output, 'exempt', output.compare.reason));
      continue;
    }
    const match = matches[compared.indexOf(output)]!;
    if (match.ok) {
      checks.push(check(output, 'matched', attempts > 1 ? `${attempts}번째 실행에서 일치했습니다.` : '일치합니다.', attempts));
    } else {
      const text = formatOutputMismatch(match, { file: output.file, sourceLine: output.sourceLine, cellId: output.of });
      const retried = attempts > 1 ? `\n  (셀을 ${attempts}번 실행했지만 끝까지 달랐습니다)` : '';
      failures.push(text + retried);
      checks.push(check(output, 'mismatch', text, attempts));
    }
  }
  return { checks, failure: failures.length ? failures.join('\n') : undefined };
}

/** Every expected-output block of the plan after the run: compared, exempt, or why not compared. */
export function outputSummaryChecks(plan: NotebookPlan, reports: ReadonlyMap<PlanStep, StepReport>): OutputCheck[] {
  const checks: OutputCheck[] = [];
  for (const step of planSteps(plan)) {
    if (!step.outputs?.length) continue;
    const report = reports.get(step);
    const done = report?.outputs;
    for (const output of step.outputs) {
      const found = done?.find((c) => c.line === output.line);
      if (found) checks.push(found);
      else if (output.compare.mode === 'none') checks.push(check(output, 'exempt', output.compare.reason));
      else {
        const why = !report || report.status === 'not-run'
          ? '셀이 실행되지 않아 비교하지 않았습니다.'
          : report.status === 'skipped'
            ? `셀을 건너뛰어 비교하지 않았습니다 (${report.message}).`
            : `셀이 실패해 비교하지 않았습니다 (${report.message}).`;
        checks.push(check(output, 'not-run', why));
      }
    }
  }
  return checks;
}
