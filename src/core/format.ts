import type { CellProblem } from './types';

/** `docs/day1/lab.md:12:3 [unknown-flag] ...`: the one way every tool prints an author problem. */
export function formatProblem(problem: CellProblem): string {
  return `${problem.file}:${problem.line}:${problem.column} [${problem.code}] ${problem.message}`;
}
