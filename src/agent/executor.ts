import type { KubeTarget } from '../kube/types';
import type { RegisteredCell } from './registry';
import type { CellAction, RunOutcome } from './protocol';

export interface RunEvents {
  onOutput(stream: 'stdout' | 'stderr', data: string): void;
}

export interface CellRun {
  result: Promise<RunOutcome>;
  /** Kills every process of the run (or aborts the API calls); resolves `result` as cancelled. */
  cancel(): void;
  /** Stops reading the run's output (the page reads slower than the cell writes); the cell blocks on its pipe. */
  pause?(): void;
  resume?(): void;
}

/** What the server needs from src/runner; a seam so the security suite can count spawns. */
export interface CellExecutor {
  /** `target` is the kubeconfig context the guard judged for this very run; the run uses it and nothing else. */
  start(entry: RegisteredCell, source: string, action: CellAction, events: RunEvents, target: KubeTarget): CellRun;
}
