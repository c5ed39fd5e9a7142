/** Messages between the page and the agent over the WebSocket. Shared by both sides. */
import type { Capabilities } from '../core/needs';
import type { CellAction } from '../runner/cell';
import type { RunStatus } from '../runner/types';

// The runner defines what a run can do and how it can end; the page speaks the same words.
export type { CellAction, RunStatus };

export interface ObjectOutcome {
  kind: string;
  name: string;
  namespace?: string;
  status: string;
  message: string;
  warnings?: string[];
  diff?: string;
}

export interface RunOutcome {
  status: RunStatus;
  exitCode?: number | null;
  durationMs: number;
  truncated?: boolean;
  /** Korean summary: the verify cell's ok/fail message, a timeout, a refusal. */
  message?: string;
  objects?: ObjectOutcome[];
}

export type ClientMessage =
  | { type: 'run'; requestId: string; id: string; hash: string; source?: string; action?: CellAction }
  | { type: 'cancel'; requestId: string };

export type ServerMessage =
  | { type: 'accepted'; requestId: string }
  | { type: 'output'; requestId: string; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'done'; requestId: string; outcome: RunOutcome }
  | { type: 'error'; requestId?: string; code: string; message: string };

export interface HealthInfo {
  version: string;
  context: string | null;
  namespace: string | null;
  server: string | null;
  /** False when the context is not a learning cluster and was not named with --context. */
  allowed: boolean;
  reason?: string;
  cells: number;
  allowEdited: boolean;
  /** This run of the agent; a page's session belongs to exactly one. */
  instance?: string;
}

/**
 * `GET /v1/capabilities`: what the cluster a run would use offers to cells (`needs=`). Null when the agent
 * runs nothing there (no cluster, not a learning cluster) or could not look; `reason` says why in Korean.
 */
export interface CapabilitiesInfo {
  context: string | null;
  capabilities: Capabilities | null;
  reason?: string;
}

export const CELL_ACTIONS: readonly CellAction[] = ['run', 'apply', 'dry-run', 'diff', 'delete'];
