import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Capabilities, ParsedFile } from '../core';
import { executeNotebook, type ExecuteOptions } from './execute';
import { notebookNamespace } from './namespace';
import { planNotebook } from './plan';
import type { NotebookReport } from './types';

export interface RunNotebookOptions extends Omit<ExecuteOptions, 'cwd' | 'namespace'> {
  ci: boolean;
  /** What the cluster offers; cells whose needs= it lacks are skipped with the reason (undefined: nothing is skipped). */
  capabilities?: Capabilities;
  /** Keep the working directory (for debugging a failed cell); default: removed. */
  keepWorkdir?: boolean;
  /** Parent of the per-notebook working directories (default: the system temp dir). */
  workdirRoot?: string;
}

/**
 * Plans and runs one parsed notebook in a fresh working directory (files a cell writes are there
 * for the next cell, and nothing lands in the repository) and in its namespace.
 */
export async function runNotebook(parsed: ParsedFile, options: RunNotebookOptions): Promise<NotebookReport> {
  const plan = planNotebook(parsed, { ci: options.ci, capabilities: options.capabilities });
  const namespace = notebookNamespace(parsed.file, plan.declaredNamespace);
  const workdir = await mkdtemp(path.join(options.workdirRoot ?? tmpdir(), 'k8s-course-notebook-'));
  try {
    if (options.keepWorkdir) options.onEvent?.({ type: 'notice', message: `작업 폴더: ${workdir} (지우지 않고 남깁니다)` });
    return await executeNotebook(plan, { ...options, cwd: workdir, namespace });
  } finally {
    if (!options.keepWorkdir) await rm(workdir, { recursive: true, force: true });
  }
}
