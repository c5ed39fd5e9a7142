/** The cell model shared by the remark plugin, the validator, the agent and the notebook runner. */
import type { TypedCheck } from './checks';
import type { Need } from './needs';

export type ProblemCode =
  | 'mdx-syntax'
  | 'frontmatter'
  | 'meta-syntax'
  | 'unknown-flag'
  | 'bad-value'
  | 'conflicting-flags'
  | 'not-runnable-language'
  | 'invalid-id'
  | 'duplicate-id'
  | 'missing-reason'
  | 'output-of-unknown'
  | 'yaml-syntax'
  | 'yaml-not-k8s'
  | 'glossary'
  | 'kind-gloss'
  | 'glossary-ignore-reason'
  | 'unpinned-install';

/** An author mistake, always with the Markdown file's line (1-based). */
export interface CellProblem {
  code: ProblemCode;
  file: string;
  line: number;
  column: number;
  message: string;
}

/** What the fence asks the runner to do with a shell cell. */
export type ShellRole = 'run' | 'verify' | 'cleanup' | 'background';

/** Where a cell sits in a challenge: its fault injection, its fix, or neither. */
export type ChallengePart = 'fault' | 'solution' | undefined;

export interface CellLocation {
  /** Path as given by the caller, normally relative to the repository root. */
  file: string;
  /** Line of the opening fence. */
  line: number;
  /** Line of the first line of the cell's source (fence line + 1). */
  sourceLine: number;
}

export interface CellCommon extends CellLocation {
  id: string;
  /** False when the id was derived from the file and the ordinal. */
  explicitId: boolean;
  lang: string;
  source: string;
  /** SHA-256 hex of `source`. */
  hash: string;
  /** Docusaurus's own meta (`title="..."`, `showLineNumbers`, `{1,3}`), passed through verbatim. */
  displayMeta: string;
}

export interface RunOptions {
  /** Seconds; undefined means the runner's default. */
  timeoutSeconds?: number;
  namespace?: string;
  /** `needs=...`: what the cell requires of the cluster or machine (src/core/needs.ts). */
  needs?: Need[];
  /** `reason="..."` next to needs=: the author's explanation, shown with the skip. */
  needsReason?: string;
  challengePart: ChallengePart;
  scenario?: string;
}

export interface ShellCell extends CellCommon, RunOptions {
  kind: 'shell';
  role: ShellRole;
  /** Korean messages of a verify cell. */
  okMessage?: string;
  failMessage?: string;
  /**
   * A typed verify (```yaml verify): assertions over live objects run through src/kube instead of
   * bash (src/core/checks.ts). The source is the YAML list; the cell is otherwise a verify cell.
   */
  checks?: TypedCheck[];
  /** `tty`: runs in a pseudo-terminal (src/runner/pty.ts); input it waits for is reported, not awaited. */
  tty?: boolean;
}

export interface ManifestDocument {
  /** 0-based index of the document inside the block. */
  index: number;
  /** Line in the Markdown file where the document's content starts. */
  line: number;
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  object: Record<string, unknown>;
}

export interface ManifestCell extends CellCommon, RunOptions {
  kind: 'manifest';
  /** `cleanup` on a manifest means "delete these objects" when the lab is reset. */
  cleanup: boolean;
  documents: ManifestDocument[];
  /** Text the API server's rejection must contain (`expect-invalid="..."`). */
  expectInvalid?: string;
}

/** YAML the author marked as not a complete object: never applied, never dry-run. */
export interface AnnotatedYamlCell extends CellCommon {
  kind: 'fragment' | 'not-k8s';
}

export interface OutputCell extends CellCommon {
  kind: 'output';
  /** Id of the cell whose expected output this is. */
  of: string;
  /** How CI compares the block with the cell's real output (src/core/output-options.ts). */
  compare: OutputCompare;
}

/**
 * `tolerant`: ages, UIDs, IPs, pod-name hashes, resourceVersions, timestamps, `...` lines and column
 * spacing may differ. `none`: never compared, with the author's reason (shown in the report).
 */
export type OutputCompare =
  | { mode: 'tolerant'; /** Extra runs of the cell while the output still differs (author-allowed; default 0). */ retries: number }
  | { mode: 'none'; reason: string };

/**
 * A deliberately wrong variant of a lab step (`bash mutant of=VERIFY_ID`, `yaml mutant of=VERIFY_ID`):
 * hidden from readers, run by the notebook runner to prove that the verify cell fails on this mistake
 * and passes again once the step's own cells are re-run (src/notebook/mutants.ts).
 */
export interface MutantCell extends CellCommon {
  kind: 'mutant';
  /** Id of the verify cell this mistake must make fail. */
  of: string;
  /** The wrong variant as an ordinary runnable cell (same id): a bash run cell or a manifest apply. */
  variant: ShellCell | ManifestCell;
  /** Cells to re-run to restore the right state (`restore=a,b`); undefined: the step's cells before the verify. */
  restore?: string[];
  /**
   * `undo="..."`: a shell command, hidden like the mutant, that takes the mistake back when no page cell
   * can (a node label the course's kind config sets, a paused rollout). Runs first; then only the
   * `restore=` cells, if any, are re-run, not the step's cells.
   */
  undo?: string;
}

export type Cell = ShellCell | ManifestCell | AnnotatedYamlCell | OutputCell | MutantCell;
export type RunnableCell = ShellCell | ManifestCell;

export interface ParsedFile {
  file: string;
  frontMatter: Record<string, unknown>;
  cells: Cell[];
  problems: CellProblem[];
}

export function isRunnable(cell: Cell): cell is RunnableCell {
  return cell.kind === 'shell' || cell.kind === 'manifest';
}
