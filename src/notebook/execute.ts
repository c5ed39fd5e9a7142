import { formatProblem, isAddonNeed, type Capabilities, type Need } from '../core';
import { runCell, startShellCell, type CellContext, type CellResult, type OutputChunk, type ShellProcess } from '../runner';
import { ClusterUnreachableError, type NotebookCluster } from './cluster';
import { compareOutputs, outputSummaryChecks } from './output-check';
import { mutantSkipped, proveMutant } from './mutants';
import { planSteps, scenarioSkips, skipOf } from './plan';
import { countSteps, notebookFailed } from './summary';
import type { MutantReport, NotebookPlan, NotebookReport, PlanStep, ScenarioPlan, ScenarioReport, ScenarioStatus, StepReport } from './types';

export type NotebookEvent =
  | { type: 'notebook-start'; plan: NotebookPlan; namespace: string; total: number }
  | { type: 'step-start'; step: PlanStep; index: number; total: number }
  | { type: 'step-output'; step: PlanStep; chunk: OutputChunk }
  | { type: 'step-end'; step: PlanStep; report: StepReport; index: number; total: number }
  | { type: 'scenario-end'; report: ScenarioReport }
  | { type: 'notice'; message: string }
  | { type: 'notebook-end'; report: NotebookReport };

export interface ExecuteOptions {
  /** Working directory of the notebook's shell cells (one per notebook). */
  cwd: string;
  namespace: string;
  cluster: NotebookCluster;
  env?: NodeJS.ProcessEnv;
  /** KUBECONFIG for shell cells when an explicit --context differs from the kubeconfig's current one. */
  kubeconfig?: string;
  defaultTimeoutMs?: number;
  maxOutputBytes?: number;
  /** Ctrl-C: cancels the running cell and the rest of the main sequence; cleanup still runs. */
  signal?: AbortSignal;
  /** A second Ctrl-C: cancels the cleanup too. */
  cleanupSignal?: AbortSignal;
  /** How long a background cell gets to fail at once before the notebook moves on (default 1 s). */
  backgroundSettleMs?: number;
  onEvent?: (event: NotebookEvent) => void;
  /**
   * Detects the cluster's capabilities again. Called before skipping a cell only for add-on needs:
   * an earlier cell of the lab (a Helm install) may have installed the add-on since the plan was made.
   */
  refreshCapabilities?: () => Promise<Capabilities>;
}

export const NOTEBOOK_FIELD_MANAGER = 'k8s-course-notebook';

const okFor = (step: PlanStep, result: CellResult): boolean =>
  step.expect === 'pass' ? result.status === 'passed' : result.status === 'failed' || result.status === 'timed-out';

function reportOf(step: PlanStep, fields: Partial<StepReport> & Pick<StepReport, 'status' | 'message'>): StepReport {
  return {
    cellId: step.cell.id,
    file: step.cell.file,
    line: step.cell.line,
    kind: step.kind,
    phase: step.phase,
    scenario: step.scenario,
    expect: step.expect,
    needs: step.cell.needs,
    ok: false,
    output: '',
    truncated: false,
    durationMs: 0,
    ...fields,
  };
}

/** The Korean message of a verify that was expected to fail while the scenario is broken. */
function expectedFailureMessage(result: CellResult, ok: boolean): string {
  if (ok) return `예상대로 실패했습니다 (고장 난 상태 확인): ${result.message}`;
  if (result.status === 'passed') {
    return '고장 난 상태인데도 verify가 통과했습니다. 장애가 실제로 주입되지 않았거나, verify가 이 장애를 잡아내지 못합니다.';
  }
  return result.message;
}

/**
 * Runs a planned notebook: the main sequence in order (stopping at the first unmet expectation),
 * challenge scenarios as "proven broken, then fixed", then ALWAYS the background stops and the
 * cleanup cells, then the namespace the runner created is removed.
 */
export async function executeNotebook(plan: NotebookPlan, options: ExecuteOptions): Promise<NotebookReport> {
  const startedAt = performance.now();
  const emit = options.onEvent ?? (() => {});
  const total = planSteps(plan).length;
  const steps: StepReport[] = [];
  const scenarios: ScenarioReport[] = [];
  const errors: string[] = [];
  const mutants: MutantReport[] = [];
  const reportsOf = new Map<PlanStep, StepReport>();
  const backgrounds: Array<{ step: PlanStep; proc: ShellProcess; report: StepReport }> = [];
  let index = 0;
  let namespaceCreated = false;
  let unreachable = false;

  /** Mutants whose verify never ran here (skipped for a need, or not reached) are reported, not dropped. */
  const unprovenMutants = (): MutantReport[] => {
    const done = new Set(mutants.map((m) => m.mutantId));
    return planSteps(plan).flatMap((step) =>
      (step.mutants ?? [])
        .filter((m) => !done.has(m.mutant.id))
        .map((m) => {
          const verify = reportsOf.get(step);
          if (verify?.status === 'skipped') return mutantSkipped({ ...m, skipReason: m.skipReason ?? `verify ${step.cell.id}를 건너뛰어 증명하지 않았습니다: ${verify.message}` });
          return mutantSkipped(m, verify ? `verify ${step.cell.id}가 ${verify.ok ? '통과했지만 증명 전에 멈췄습니다' : '실패해 증명하지 않았습니다'}.` : `verify ${step.cell.id}를 실행하지 않아 증명하지 않았습니다.`);
        }),
    );
  };

  const finish = (): NotebookReport => {
    const counts = countSteps(steps);
    const report: NotebookReport = {
      file: plan.file,
      title: plan.title,
      namespace: options.namespace,
      namespaceCreated,
      steps,
      scenarios,
      problems: plan.problems.map(formatProblem),
      errors,
      interrupted: options.signal?.aborted ?? false,
      unreachable,
      durationMs: Math.round(performance.now() - startedAt),
      counts,
      outputChecks: outputSummaryChecks(plan, reportsOf),
      mutants: [...mutants, ...unprovenMutants(), ...plan.orphanMutants.map((m) => mutantSkipped(m))],
      leaks: [],
      failed: false,
    };
    report.failed = notebookFailed(report);
    emit({ type: 'notebook-end', report });
    return report;
  };

  emit({ type: 'notebook-start', plan, namespace: options.namespace, total });
  const record = (step: PlanStep, report: StepReport): StepReport => {
    index += 1;
    steps.push(report);
    if (!reportsOf.has(step)) reportsOf.set(step, report);
    emit({ type: 'step-end', step, report, index, total });
    return report;
  };
  const notRun = (step: PlanStep, why: string): StepReport => record(step, reportOf(step, { status: 'not-run', message: why }));

  if (plan.problems.length > 0) {
    for (const step of planSteps(plan)) notRun(step, '셀 문법 문제가 있어 노트북을 실행하지 않았습니다.');
    return finish();
  }

  try {
    namespaceCreated = (await options.cluster.prepareNamespace(options.namespace)).created;
  } catch (error) {
    unreachable = error instanceof ClusterUnreachableError;
    errors.push(`네임스페이스 ${options.namespace}를 준비하지 못했습니다: ${(error as Error).message}`);
    for (const step of planSteps(plan)) notRun(step, '네임스페이스를 준비하지 못해 실행하지 않았습니다.');
    return finish();
  }

  const context = (signal: AbortSignal | undefined, step: PlanStep): CellContext => ({
    cwd: options.cwd,
    env: options.env,
    kubeconfig: options.kubeconfig,
    target: options.cluster.target,
    kube: options.cluster.kube,
    namespace: options.namespace,
    defaultTimeoutMs: options.defaultTimeoutMs,
    maxOutputBytes: options.maxOutputBytes,
    fieldManager: NOTEBOOK_FIELD_MANAGER,
    // Restoring after a mutant: a mistake made with kubectl patch/label/scale owns the fields it changed,
    // so the step's own manifest takes them back (like `kubectl apply --server-side --force-conflicts`).
    forceConflicts: step.phase === 'restore' || undefined,
    signal,
    onOutput: (chunk) => emit({ type: 'step-output', step, chunk }),
  });

  let capabilities = plan.capabilities;
  /** Add-ons an earlier cell may have installed: look once more before skipping for them alone. */
  const refreshFor = async (needs: readonly Need[] | undefined): Promise<boolean> => {
    if (!options.refreshCapabilities || !needs?.length || !needs.every(isAddonNeed)) return false;
    try {
      capabilities = await options.refreshCapabilities();
      return true;
    } catch {
      return false;
    }
  };
  const skipNow = async (step: PlanStep): Promise<Pick<PlanStep, 'unmet' | 'skipReason'>> => {
    const planned = skipOf(step.cell, capabilities);
    if (planned.unmet && (await refreshFor(planned.unmet))) return skipOf(step.cell, capabilities);
    return planned;
  };

  const runStep = async (step: PlanStep, signal: AbortSignal | undefined): Promise<StepReport> => {
    const skip = await skipNow(step);
    if (skip.skipReason) return record(step, reportOf(step, { status: 'skipped', message: skip.skipReason, skippedNeeds: skip.unmet }));
    emit({ type: 'step-start', step, index: index + 1, total });
    if (step.kind === 'background' && step.cell.kind === 'shell') return startBackground(step);
    let result = await runCell(step.cell, context(signal, step));
    let ok = okFor(step, result);
    let message = step.expect === 'fail' ? expectedFailureMessage(result, ok) : result.message;
    let outputs: StepReport['outputs'];
    if (ok && step.outputs?.length) {
      // CI: the page's expected output must be what the cell printed; re-run only where the author allowed it.
      const compared = await compareOutputs(step.outputs, result, async () => {
        await new Promise((resolve) => setTimeout(resolve, 2000));
        result = await runCell(step.cell, context(signal, step));
        return okFor(step, result) ? result : undefined;
      });
      outputs = compared.checks;
      if (compared.failure) {
        ok = false;
        message = compared.failure;
      }
    }
    const report = record(
      step,
      reportOf(step, { status: result.status, ok, message, output: result.output, truncated: result.truncated, durationMs: result.durationMs, objects: result.objects, outputs }),
    );
    if (report.ok && step.mutants?.length) {
      for (const plan of step.mutants) {
        const proof = await proveMutant(plan, step, (s) => runStep(s, signal));
        mutants.push(proof);
        emit({ type: 'notice', message: `${proof.status === 'proven' ? '◆' : '✘'} 흔한 실수 ${proof.mutantId}: ${proof.message}` });
      }
    }
    return report;
  };

  const startBackground = async (step: PlanStep): Promise<StepReport> => {
    if (step.cell.kind !== 'shell') throw new Error('unreachable');
    // Not tied to Ctrl-C: background cells are always stopped below, before the cleanup.
    const proc = startShellCell(step.cell, context(undefined, step));
    const settleMs = options.backgroundSettleMs ?? 1000;
    const early = await Promise.race([proc.result, new Promise<undefined>((resolve) => setTimeout(resolve, settleMs))]);
    if (early) {
      const ok = early.status === 'passed';
      return record(step, reportOf(step, { status: early.status, ok, message: ok ? '백그라운드 셀이 바로 끝났습니다.' : early.message, output: early.output, truncated: early.truncated, durationMs: early.durationMs }));
    }
    const report = record(step, reportOf(step, { status: 'passed', ok: true, message: '백그라운드에서 실행 중입니다 (노트북 끝에서 멈춥니다).' }));
    backgrounds.push({ step, proc, report });
    return report;
  };

  const runScenario = async (item: ScenarioPlan): Promise<boolean> => {
    const done = (status: ScenarioStatus, message: string): boolean => {
      const report = { scenario: item.scenario, status, message, skips: item.skips };
      scenarios.push(report);
      emit({ type: 'scenario-end', report });
      return status === 'proven' || status === 'skipped';
    };
    let skips = item.skips;
    if (skips.length > 0 && (await refreshFor(skips.flatMap((s) => s.needs ?? [])))) skips = scenarioSkips(item.essential, capabilities);
    if (skips.length > 0) {
      const lacking = [...new Set(skips.flatMap((s) => s.needs ?? []))];
      for (const step of item.steps) {
        const own = skipOf(step.cell, capabilities);
        const message = own.skipReason ?? `시나리오 ${item.scenario}의 장애·확인·해결 셀에 필요한 것이 없어 실행하지 않았습니다.`;
        record(step, reportOf(step, { status: 'skipped', message, skippedNeeds: own.unmet ?? lacking }));
      }
      const report = { scenario: item.scenario, status: 'skipped' as const, message: `필요한 것이 없어 건너뜀: ${skips.map((s) => `${s.cellId} (${s.reason})`).join(', ')}. 고장 → 수정 증명은 하지 않았습니다.`, skips };
      scenarios.push(report);
      emit({ type: 'scenario-end', report });
      return true;
    }
    if (item.problem) {
      for (const step of item.steps) notRun(step, item.problem);
      return done('failed', item.problem);
    }
    for (const [position, step] of item.steps.entries()) {
      const report = await runStep(step, options.signal);
      if (report.ok || report.status === 'skipped') continue;
      for (const rest of item.steps.slice(position + 1)) notRun(rest, `앞 단계(${report.cellId})가 기대와 달라 실행하지 않았습니다.`);
      if (step.phase === 'verify-broken') return done('not-proven', `증명 실패: ${report.message}`);
      if (step.phase === 'verify-fixed') return done('not-fixed', `해결 셀을 적용한 뒤에도 verify(${report.cellId})가 실패했습니다: ${report.message}`);
      return done('failed', `${report.cellId} 단계가 실패해 시나리오를 끝내지 못했습니다: ${report.message}`);
    }
    return done('proven', '고장 난 상태에서 verify가 실패하고, 해결 셀 뒤에 통과함을 확인했습니다.');
  };

  // Main sequence: stops at the first unmet expectation or at Ctrl-C.
  let stopReason: string | undefined;
  for (const item of plan.main) {
    if (!stopReason && options.signal?.aborted) stopReason = '실행을 중단(Ctrl-C)해 실행하지 않았습니다.';
    if (stopReason) {
      const why = stopReason;
      if (item.type === 'step') {
        notRun(item.step, why);
      } else {
        for (const step of item.steps) notRun(step, why);
        const report: ScenarioReport = { scenario: item.scenario, status: 'not-run', message: why, skips: item.skips };
        scenarios.push(report);
        emit({ type: 'scenario-end', report });
      }
      continue;
    }
    if (item.type === 'step') {
      const report = await runStep(item.step, options.signal);
      if (!report.ok && report.status !== 'skipped') stopReason = `앞 셀(${report.cellId})이 실패해 실행하지 않았습니다.`;
    } else if (!(await runScenario(item))) {
      stopReason = `시나리오 ${item.scenario}가 실패해 실행하지 않았습니다.`;
    }
  }

  // Always: stop background cells, then clean up, whatever happened above.
  for (const { proc, report } of backgrounds.reverse()) {
    const wasRunning = proc.running;
    const result = await proc.stop();
    report.output = result.output;
    report.truncated = result.truncated;
    report.durationMs = result.durationMs;
    report.note = wasRunning
      ? '노트북 끝에서 멈췄습니다.'
      : `노트북 도중에 스스로 끝났습니다 (${result.exitCode !== null ? `종료 코드 ${result.exitCode}` : `신호 ${result.signal}`}).`;
  }
  if (plan.cleanup.length > 0) emit({ type: 'notice', message: '정리(cleanup) 셀을 실행합니다.' });
  for (const step of plan.cleanup) {
    if (options.cleanupSignal?.aborted) {
      notRun(step, '정리 도중 다시 중단(Ctrl-C)해 실행하지 않았습니다.');
      continue;
    }
    await runStep(step, options.cleanupSignal);
  }
  if (namespaceCreated && !options.cleanupSignal?.aborted) {
    emit({ type: 'notice', message: `러너가 만든 네임스페이스 ${options.namespace}를 지웁니다.` });
    try {
      await options.cluster.removeNamespace(options.namespace);
    } catch (error) {
      unreachable = error instanceof ClusterUnreachableError;
      errors.push(`네임스페이스 ${options.namespace}를 지우지 못했습니다: ${(error as Error).message}`);
    }
  }
  return finish();
}
