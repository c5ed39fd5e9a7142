/** The validator's results are data; reporters only format them. */

export type ResultStatus = 'valid' | 'invalid' | 'warning' | 'annotated' | 'error';

/** One problem at one Markdown line (an object can have several). */
export interface ResultLocation {
  line: number;
  /** API field path the problem is about, when known. */
  field?: string;
  message: string;
}

export interface ValidationResult {
  /** Markdown file, relative to the repository root. */
  file: string;
  /** Line of the offending key, else of the document (never of the code fence, unless there is no document). */
  line: number;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  status: ResultStatus;
  /** Korean, one per problem or note; warnings of a valid object too. */
  messages: string[];
  /** Each problem with its own line (the human report prints one row each). */
  locations: ResultLocation[];
  /** Id of the cell the object came from. */
  cellId?: string;
  /** For annotated results: why the block is not checked as a plain object. */
  annotation?: 'fragment' | 'not-k8s' | 'expect-invalid';
}

export interface ValidationSummary {
  /** Kubernetes objects sent to a check (cluster or schema). */
  checked: number;
  valid: number;
  invalid: number;
  annotated: number;
  /** Objects that passed with warnings (deprecations ...). */
  warnings: number;
  /** Objects that could not be judged (cluster unreachable, Forbidden ...). */
  errors: number;
}

export type ValidationMode = 'cluster' | 'offline';

export interface ValidationReport {
  mode: ValidationMode;
  /** Context and server (cluster mode) or snapshot version (offline). */
  against: string;
  results: ValidationResult[];
  summary: ValidationSummary;
  /** Korean notes about the run itself (e.g. what offline mode does not check). */
  notes: string[];
  durationMs: number;
}
