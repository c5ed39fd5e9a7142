/** The notebook runner's plan (what would run, in which order) and its report (what happened). */
import type { Capabilities, CellProblem, MutantCell, Need, OutputCell, RunnableCell } from '../core';
import type { ObjectResult } from '../kube/types';
import type { RunStatus } from '../runner';

/** What a step does with its cell. */
export type StepKind = 'run' | 'verify' | 'background' | 'apply' | 'delete' | 'expect-invalid';

/**
 * Where a step sits: the notebook's main sequence, a challenge scenario's protocol
 * (fault -> investigate -> verify must fail -> solution -> verify must pass), or the final cleanup.
 */
export type Phase =
  | 'main'
  | 'fault'
  | 'investigate'
  | 'verify-broken'
  | 'solution'
  | 'verify-fixed'
  | 'cleanup'
  // A declared mistake (src/notebook/mutants.ts): apply it, verify must fail, restore, verify must pass.
  | 'mutant'
  | 'mutant-verify'
  | 'restore'
  | 'restored-verify';

export interface PlanStep {
  cell: RunnableCell;
  kind: StepKind;
  phase: Phase;
  scenario?: string;
  /** A verify of a broken scenario must fail; everything else must pass. */
  expect: 'pass' | 'fail';
  /** The cell's needs (`needs=`) the cluster lacks; the step is skipped. */
  unmet?: Need[];
  /** Korean: why it is skipped (each unmet need, and the author's reason). */
  skipReason?: string;
  /** CI mode: the page's expected outputs of this cell, compared with what it prints. */
  outputs?: OutputCell[];
  /** A main-sequence verify: the declared mistakes it must catch (run right after it passes). */
  mutants?: MutantPlan[];
}

/** A lab step's deliberate mistake: apply it, the verify must fail, restore, the verify must pass. */
export interface MutantPlan {
  mutant: MutantCell;
  /** The wrong variant, as a step that must succeed (it is a mistake, not a crash). */
  apply: PlanStep;
  /** The step's own cells, re-run to get back to the right state. */
  restore: PlanStep[];
  /** Why it cannot be proven here (a skipped cell, nothing to restore ...), in Korean. */
  skipReason?: string;
}

export type MutantStatus = 'proven' | 'not-proven' | 'not-restored' | 'failed' | 'skipped' | 'not-run';

export interface MutantReport {
  mutantId: string;
  verifyId: string;
  file: string;
  line: number;
  status: MutantStatus;
  message: string;
}

/** One expected-output block after the run. */
export interface OutputCheck {
  cellId: string;
  file: string;
  /** Line of the block's opening fence. */
  line: number;
  status: 'matched' | 'mismatch' | 'exempt' | 'not-run';
  /** The exemption's reason, the diff, or why the cell did not run. */
  message: string;
  attempts?: number;
}

export interface SkipNote {
  cellId: string;
  reason: string;
  needs?: Need[];
}

export interface ScenarioPlan {
  type: 'scenario';
  scenario: string;
  /** In protocol order. */
  steps: PlanStep[];
  /** Its fault, verify and solution cells (without them the proof means nothing). */
  essential: RunnableCell[];
  /** Skips of its fault, verify or solution cells: then none of it runs and its proof is reported as skipped. */
  skips: SkipNote[];
  /** Why the scenario cannot be proven at all (no verify cell ...), in Korean. */
  problem?: string;
}

export type MainItem = { type: 'step'; step: PlanStep } | ScenarioPlan;

export interface NotebookPlan {
  file: string;
  title?: string;
  /** From front matter; undefined means the runner makes one up. */
  declaredNamespace?: string;
  main: MainItem[];
  cleanup: PlanStep[];
  /** Author mistakes: a notebook with any is not run. */
  problems: CellProblem[];
  ci: boolean;
  /** Mutants whose verify is not in the main sequence: reported as not proven-able. */
  orphanMutants: MutantPlan[];
  /** What the cluster offers; undefined in --dry-list without --capabilities (nothing is decided). */
  capabilities?: Capabilities;
}

export type StepStatus = RunStatus | 'skipped' | 'not-run';

export interface StepReport {
  cellId: string;
  file: string;
  line: number;
  kind: StepKind;
  phase: Phase;
  scenario?: string;
  expect: 'pass' | 'fail';
  status: StepStatus;
  /** The step met its expectation (a verify that fails while broken is ok). False for skipped and not-run. */
  ok: boolean;
  /** Korean: the verify's ok/fail text, the timeout, the skip reason ... */
  message: string;
  output: string;
  truncated: boolean;
  durationMs: number;
  objects?: ObjectResult[];
  /** For a background cell: how it ended when the notebook stopped it. */
  note?: string;
  /** CI mode: how the cell's expected-output blocks compared. */
  outputs?: OutputCheck[];
  /** The cell's declared needs (`needs=`). */
  needs?: Need[];
  /** For a step skipped by its needs: the needs the cluster lacked. */
  skippedNeeds?: Need[];
}

export type ScenarioStatus = 'proven' | 'not-proven' | 'not-fixed' | 'failed' | 'skipped' | 'not-run';

export interface ScenarioReport {
  scenario: string;
  status: ScenarioStatus;
  message: string;
  skips: SkipNote[];
}

export interface Counts {
  /** Step executions (a scenario's verify runs twice). */
  ran: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Not reached because an earlier step failed or the run was interrupted. */
  notRun: number;
  /** Skipped steps per unmet need (a step lacking two needs counts under both). */
  skippedByNeed: Partial<Record<Need, number>>;
  /** Steps that ran although they declare this need (the cluster had it). */
  ranByNeed: Partial<Record<Need, number>>;
}

export interface NotebookReport {
  file: string;
  title?: string;
  namespace: string;
  /** The runner made the namespace (and so deleted it at the end). */
  namespaceCreated: boolean;
  steps: StepReport[];
  scenarios: ScenarioReport[];
  /** Author problems (`file:line [code] message`); the notebook did not run. */
  problems: string[];
  /** Could not prepare or remove the namespace, etc. */
  errors: string[];
  interrupted: boolean;
  /** The API server could not be reached (the run stops: exit code 2). */
  unreachable: boolean;
  durationMs: number;
  counts: Counts;
  /** Every expected-output block of the notebook (CI mode). */
  outputChecks: OutputCheck[];
  /** Every declared mistake of the notebook and whether its verify was proven to catch it. */
  mutants: MutantReport[];
  /** Objects the notebook left outside its namespace (leak check), `Kind namespace/name`. */
  leaks: string[];
  failed: boolean;
}

export interface RunReport {
  ci: boolean;
  context?: string;
  capabilities?: Capabilities;
  notebooks: NotebookReport[];
  durationMs: number;
  counts: Counts;
  failed: boolean;
  interrupted: boolean;
  unreachable: boolean;
}
