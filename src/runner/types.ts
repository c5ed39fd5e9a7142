/** What one execution of a cell produced, shared by the agent and the notebook runner. */

export type RunStatus = 'passed' | 'failed' | 'timed-out' | 'cancelled' | 'error';

/** `notice` carries the runner's own lines (the truncation marker), never the cell's output. */
export type OutputStream = 'stdout' | 'stderr' | 'notice';

export interface OutputChunk {
  stream: OutputStream;
  text: string;
}

export type OutputListener = (chunk: OutputChunk) => void;

export interface RunResult {
  status: RunStatus;
  /** Null when the process was killed by a signal or never started. */
  exitCode: number | null;
  /** e.g. 'SIGTERM' when the process group was killed. */
  signal: string | null;
  durationMs: number;
  /** stdout and stderr interleaved as they arrived, capped; ends with the marker when truncated. */
  output: string;
  truncated: boolean;
  /** Korean one-line summary for the reader: the verify cell's ok/fail text, or what went wrong and what to do. */
  message: string;
}
