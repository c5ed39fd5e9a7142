import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { minifiedKubeconfig } from '../kube/target';
import { withNodeShell } from '../kube/node-shell';
import { OutputGate, runCell, type CellResult } from '../runner';
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
 * Runs cells with src/runner, exactly as the notebook runner does: one working directory per
 * lab (files written by one cell are there for the next) and the page's namespace. The cluster
 * is the target the guard judged for this run: manifest actions use that object, and the
 * shell's KUBECONFIG is a private copy of it reduced to its one context, so a
 * `kubectl config use-context` elsewhere during the run changes nothing for it.
 */
export function createRunnerExecutor(options: { courseRoot: string; workRoot?: string }): CellExecutor {
  const workRoot = options.workRoot ?? agentWorkRoot();
  // Cells that drive the course's own tools (the rubric check) find the repository through this.
  const env = { ...process.env, K8S_COURSE_ROOT: options.courseRoot };
  return {
    start(entry, source, action, events, target): CellRun {
      const controller = new AbortController();
      const gate = new OutputGate();
      const cwd = path.join(workRoot, entry.page.slug);
      mkdirSync(cwd, { recursive: true });
      const dir = mkdtempSync(path.join(tmpdir(), 'k8s-course-run-'));
      const kubeconfig = path.join(dir, 'kubeconfig.json');
      writeFileSync(kubeconfig, minifiedKubeconfig(target), { mode: 0o600 });
      const result = runCell(
        entry.cell,
        {
          cwd,
          // the project's static-pod cluster: its node shell (`docker exec NODE`) first on PATH, for this target only
          env: withNodeShell(env, target),
          target,
          kubeconfig,
          namespace: entry.page.namespace,
          signal: controller.signal,
          outputGate: gate,
          onOutput: (chunk) => events.onOutput(chunk.stream === 'stdout' ? 'stdout' : 'stderr', chunk.text),
        },
        { action, source },
      )
        .then(toOutcome)
        .finally(() => rmSync(dir, { recursive: true, force: true }));
      return { result, cancel: () => controller.abort(), pause: () => gate.pause(), resume: () => gate.resume() };
    },
  };
}
