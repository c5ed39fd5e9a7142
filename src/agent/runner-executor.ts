import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { loadTarget } from '../kube/target';
import type { KubeTarget } from '../kube/types';
import { runCell, type CellResult } from '../runner';
import type { CellExecutor, CellRun } from './executor';
import type { RunOutcome } from './protocol';

/** Per-lab working directories live in the user's cache, never in the repository. */
export function agentWorkRoot(): string {
  const cache = process.env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache');
  return path.join(cache, 'k8s-course', 'agent', 'work');
}

export function toOutcome(result: CellResult): RunOutcome {
  return {
    status: result.status,
    exitCode: result.exitCode,
    durationMs: Math.round(result.durationMs),
    truncated: result.truncated,
    message: result.message,
    objects: result.objects?.map((o) => ({
      kind: o.kind,
      name: o.name,
      namespace: o.namespace,
      status: o.status,
      message: o.message,
      warnings: o.warnings,
      diff: o.diff,
    })),
  };
}

/**
 * Runs cells with src/runner, exactly as the notebook runner does: one working
 * directory per lab (files written by one cell are there for the next), the
 * page's namespace, and the kubeconfig re-read for each run so a context switch
 * is honoured.
 */
export function createRunnerExecutor(options: { courseRoot: string; workRoot?: string }): CellExecutor {
  const workRoot = options.workRoot ?? agentWorkRoot();
  // Cells that drive the course's own tools (the rubric check) find the repository through this.
  const env = { ...process.env, K8S_COURSE_ROOT: options.courseRoot };
  return {
    start(entry, source, action, events): CellRun {
      const controller = new AbortController();
      const cwd = path.join(workRoot, entry.page.slug);
      mkdirSync(cwd, { recursive: true });
      let target: KubeTarget | undefined;
      try {
        target = loadTarget();
      } catch {
        // Shell cells still run (kubectl will say what is wrong); manifest cells get runCell's Korean error.
      }
      const result = runCell(
        entry.cell,
        {
          cwd,
          env,
          target,
          namespace: entry.page.namespace,
          signal: controller.signal,
          onOutput: (chunk) => events.onOutput(chunk.stream === 'stdout' ? 'stdout' : 'stderr', chunk.text),
        },
        { action, source },
      ).then(toOutcome);
      return { result, cancel: () => controller.abort() };
    },
  };
}
