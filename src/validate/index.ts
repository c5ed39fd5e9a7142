/** The manifest validator: Markdown in (through src/core), results as data out. */
import type { ParsedFile } from '../core';
import { scanContent } from '../content/files';
import type { KubeTarget } from '../kube';
import { collectObjects } from './collect';
import { RunError } from './errors';
import { judge } from './judge';
import { checkOffline } from './offline';
import { summarize } from './summary';
import type { ValidationMode, ValidationReport } from './types';

export * from './types';
export { RunError } from './errors';
export { exitCodeOf, summarize } from './summary';
export { findRemovedApi, REMOVED_APIS, removedApiMessage, type RemovedApi } from './removed-apis';
export { collectObjects, type ObjectItem } from './collect';

export interface ValidateOptions {
  mode: ValidationMode;
  /** Cluster mode: an already loaded target, else one from `context` / `kubeconfigPath`. */
  target?: KubeTarget;
  context?: string;
  kubeconfigPath?: string;
  requireThrowaway?: boolean;
  concurrency?: number;
  timeoutMs?: number;
}

/** Validates already parsed files. Throws RunError / KubeConfigError / KubeUnreachableError when the run itself cannot happen. */
export async function validateParsed(files: readonly ParsedFile[], options: ValidateOptions): Promise<ValidationReport> {
  const started = performance.now();
  const { items, immediate, expectCells } = collectObjects(files);
  let verdicts;
  let against: string;
  const notes: string[] = [];
  if (options.mode === 'offline') {
    const offline = await checkOffline(items);
    verdicts = offline.verdicts;
    against = offline.against;
    notes.push(offline.limits);
  } else {
    // Loaded here, not at the top: @kubernetes/client-node takes about a second to import, which
    // offline runs (and the CLI's start-up) should not pay.
    const [{ closeTarget, loadTarget }, { checkInCluster }] = await Promise.all([import('../kube'), import('./cluster')]);
    const target = options.target ?? loadTarget({ context: options.context, kubeconfigPath: options.kubeconfigPath });
    try {
      const cluster = await checkInCluster(items, {
        target,
        requireThrowaway: options.requireThrowaway ?? false,
        concurrency: options.concurrency,
        timeoutMs: options.timeoutMs,
      });
      verdicts = cluster.verdicts;
      against = cluster.against;
    } finally {
      // A target we loaded ourselves is ours to close; a caller's stays open for its next calls.
      if (!options.target) await closeTarget(target);
    }
  }
  const results = judge(verdicts, immediate, expectCells, options.mode);
  return { mode: options.mode, against, results, summary: summarize(results), notes, durationMs: performance.now() - started };
}

/** Finds and parses the Markdown under `targets` (default docs/ and notebooks/) and validates it. */
export async function validateContent(root: string, targets: readonly string[] | undefined, options: ValidateOptions): Promise<ValidationReport> {
  let scan;
  try {
    scan = await scanContent(root, targets && targets.length > 0 ? targets : undefined);
  } catch (error) {
    throw new RunError((error as Error).message);
  }
  return validateParsed(scan.files, options);
}
