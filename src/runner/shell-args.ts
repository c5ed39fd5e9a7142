/**
 * How a shell cell becomes a bash process.
 *
 * `bash --noprofile --norc -e -c SOURCE CELL_ID`:
 * - no profile or rc file: the reader's aliases and prompt hooks must not change what a cell does;
 * - `-e`: a cell is a script whose every step must succeed. Without it a failed `kubectl apply` in
 *   the middle of a cell is hidden by a later successful line, and the notebook runner (whose whole
 *   job is to catch broken content) would report the cell as passed;
 * - no `pipefail`: checks are written as `kubectl get ... | grep -q x`, and `grep -q` exits at the
 *   first match, so the writer can die of SIGPIPE; under pipefail that made a passing check fail
 *   at random (seen in CI). A pipeline's status is its last command's, as in the reader's terminal;
 * - the source goes in `-c`, not on stdin: a cell line that reads stdin (`kubectl apply -f -`,
 *   `cat`, `read`) would otherwise swallow the rest of the script. Stdin is /dev/null instead, so
 *   such a line ends at once rather than hanging until the timeout;
 * - `$0` is the cell id, so bash's own errors name the cell ("d2-lab-scale: line 2: ...").
 */

/** Linux refuses a single argv string longer than this (MAX_ARG_STRLEN), with E2BIG. */
export const MAX_SOURCE_BYTES = 128 * 1024 - 1;

export const BASH = 'bash';

export function bashArgs(source: string, cellId = 'cell'): string[] {
  return ['--noprofile', '--norc', '-e', '-c', source, cellId];
}

export interface CellEnvOptions {
  /** Kubeconfig the cell's kubectl must use (e.g. a context the caller chose explicitly). */
  kubeconfig?: string;
  /** The lab's namespace, as a hint for cells that want it (`$LAB_NAMESPACE`). */
  namespace?: string;
  extra?: Record<string, string>;
}

/**
 * The caller's environment plus the cell's hints. Pagers are disabled because a pager
 * waiting for a terminal would hang the cell until its timeout.
 */
export function cellEnv(base: NodeJS.ProcessEnv, options: CellEnvOptions = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, PAGER: 'cat', GIT_PAGER: 'cat', SYSTEMD_PAGER: '' };
  if (options.kubeconfig) env.KUBECONFIG = options.kubeconfig;
  if (options.namespace) env.LAB_NAMESPACE = options.namespace;
  return { ...env, ...options.extra };
}
