/** Props the remark plugin writes on every `<RunnableCell>` (all strings: MDX attributes). */
export interface RunnableCellProps {
  id: string;
  hash: string;
  language: string;
  kind: 'shell' | 'manifest';
  role?: 'run' | 'verify' | 'cleanup' | 'background';
  /** Space-separated: cleanup, fault, solution, expect-invalid. */
  flags?: string;
  source: string;
  displayMeta?: string;
  okMessage?: string;
  failMessage?: string;
  timeoutSeconds?: string;
  namespace?: string;
  scenario?: string;
  /** `needs=` of the cell, comma-separated (containers,internet,kind-node,kind-cluster,addon:NAME). */
  needs?: string;
  /** The author's `reason` next to needs=. */
  needsReason?: string;
  expectInvalid?: string;
  /** `Deployment/web, Service/web` for manifest cells. */
  objects?: string;
  expectedOutput?: string;
  /** Set on cells of notebooks/, whose toolbar speaks for all of them. */
  inNotebook?: string;
  /** Highlighted inner HTML of the code, from src/remark/highlight-code. */
  html?: string;
}
