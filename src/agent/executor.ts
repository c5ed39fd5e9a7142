import type { RegisteredCell } from './registry';
import type { CellAction, RunOutcome } from './protocol';

export interface RunEvents {
  onOutput(stream: 'stdout' | 'stderr', data: string): void;
}

export interface CellRun {
  result: Promise<RunOutcome>;
  /** Kills the whole process group (or aborts the API calls); resolves `result` as cancelled. */
  cancel(): void;
}

/** What the server needs from src/runner; a seam so the security suite can count spawns. */
export interface CellExecutor {
  start(entry: RegisteredCell, source: string, action: CellAction, events: RunEvents): CellRun;
}
