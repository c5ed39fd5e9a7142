/**
 * The notebook runner end to end on bash-only fixture notebooks (no cluster): every behaviour the
 * CI run of the course relies on. The cells write into $FIXTURE_OUT so the test can see what ran.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES, declaredCapabilities, parseCellsFromMarkdown } from '../core';
import { ClusterUnreachableError, noCluster, type NotebookCluster } from './cluster';
import type { NotebookEvent } from './execute';
import { runNotebook } from './run';
import type { NotebookReport, StepReport } from './types';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/notebooks');
let out: string;
beforeEach(() => {
  out = mkdtempSync(path.join(tmpdir(), 'notebook-test-'));
});
afterEach(() => rmSync(out, { recursive: true, force: true }));

async function run(name: string, options: { ci?: boolean; cluster?: NotebookCluster; signal?: AbortSignal; onEvent?: (e: NotebookEvent) => void } = {}): Promise<NotebookReport> {
  const file = `test/fixtures/notebooks/${name}`;
  const parsed = parseCellsFromMarkdown(await readFile(path.join(fixtures, name), 'utf8'), file);
  expect(parsed.problems).toEqual([]);
  return runNotebook(parsed, {
    ci: options.ci ?? false,
    capabilities: options.ci ? declaredCapabilities('none').capabilities : ALL_CAPABILITIES,
    cluster: options.cluster ?? noCluster,
    env: { ...process.env, FIXTURE_OUT: out },
    signal: options.signal,
    onEvent: options.onEvent,
    backgroundSettleMs: 300,
  });
}

const lines = (file: string): string[] => readFileSync(path.join(out, file), 'utf8').trim().split('\n');
const byId = (report: NotebookReport, id: string): StepReport[] => report.steps.filter((s) => s.cellId === id);
const one = (report: NotebookReport, id: string): StepReport => {
  const found = byId(report, id);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('notebook runner: order and cleanup', () => {
  it('runs cells in document order, shares the working dir, and runs cleanup last', async () => {
    const report = await run('ordering.md');
    expect(lines('order.log')).toEqual(['1', '2', '3 fx-ordering', 'cleanup']);
    expect(report.steps.map((s) => s.cellId)).toEqual(['fx-order-1', 'fx-order-2', 'fx-order-3', 'fx-order-check', 'fx-order-cleanup']);
    expect(one(report, 'fx-order-check')).toMatchObject({ status: 'passed', ok: true, message: '순서가 맞습니다' });
    expect(report).toMatchObject({ failed: false, namespace: 'fx-ordering', counts: { ran: 5, passed: 5, failed: 0, skipped: 0, notRun: 0 } });
  });

  it('a failing verify fails the notebook with its Korean message, stops the main sequence, and cleanup still runs', async () => {
    const report = await run('failing-verify.md');
    expect(one(report, 'fx-fv-check')).toMatchObject({ status: 'failed', ok: false, message: 'ready 파일이 없습니다. 위 셀을 실행하세요 (종료 코드 1)' });
    expect(one(report, 'fx-fv-after')).toMatchObject({ status: 'not-run' });
    expect(one(report, 'fx-fv-after').message).toContain('fx-fv-check');
    expect(lines('fv.log')).toEqual(['setup', 'cleanup']);
    expect(report.failed).toBe(true);
    expect(report.counts).toMatchObject({ ran: 3, passed: 2, failed: 1, skipped: 0, notRun: 1 });
    // No namespace in the front matter: a generated one that cannot collide with another run.
    expect(report.namespace).toMatch(/^nb-test-fixtures-notebooks-failing-verify-[0-9a-f]{6}$/);
  });

  it('runs every cleanup cell after a failing cell, even when one cleanup cell fails', async () => {
    const report = await run('cleanup-after-failure.md');
    expect(one(report, 'fx-caf-break')).toMatchObject({ status: 'failed', ok: false });
    expect(one(report, 'fx-caf-break').output).toContain('무언가 잘못되었습니다');
    expect(existsSync(path.join(out, 'never'))).toBe(false);
    expect(one(report, 'fx-caf-cleanup-fails')).toMatchObject({ status: 'failed', phase: 'cleanup' });
    expect(one(report, 'fx-caf-cleanup')).toMatchObject({ status: 'passed', phase: 'cleanup' });
    expect(existsSync(path.join(out, 'resource'))).toBe(false);
    expect(existsSync(path.join(out, 'cleaned'))).toBe(true);
  });

  it('a hung cell times out with a clear Korean message, its processes die, and the run goes on to cleanup', async () => {
    const started = Date.now();
    const report = await run('timeout.md');
    const hung = one(report, 'fx-to-hang');
    expect(hung).toMatchObject({ status: 'timed-out', ok: false });
    expect(hung.message).toContain('제한 시간 1초');
    expect(hung.output).toContain('기다립니다');
    expect(one(report, 'fx-to-after').status).toBe('not-run');
    expect(existsSync(path.join(out, 'cleaned'))).toBe(true);
    expect(Date.now() - started).toBeLessThan(8000);
  });

  it('starts a background cell, keeps it running for the next cells, and stops its whole group at the end', async () => {
    const report = await run('background.md');
    expect(one(report, 'fx-bg-ticker')).toMatchObject({ status: 'passed', ok: true, note: '노트북 끝에서 멈췄습니다.' });
    expect(one(report, 'fx-bg-check')).toMatchObject({ status: 'passed', message: '백그라운드 셀이 돌고 있습니다' });
    expect(report.failed).toBe(false);
    const pid = Number(readFileSync(path.join(out, 'bg.pid'), 'utf8'));
    expect(() => process.kill(pid, 0)).toThrow();
    const ticks = lines('ticks').length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lines('ticks').length).toBe(ticks);
  });
});

describe('notebook runner: CI skips', () => {
  it('in CI skips ci=skip cells and reports their reasons; the notebook still passes', async () => {
    const report = await run('skip-reasons.md', { ci: true });
    expect(lines('skip.log')).toEqual(['always']);
    expect(one(report, 'fx-skip-net')).toMatchObject({ status: 'skipped', skippedNeeds: ['internet'], message: expect.stringContaining('인터넷이 필요합니다') });
    expect(one(report, 'fx-skip-verify')).toMatchObject({ status: 'skipped', skippedNeeds: ['containers'], message: expect.stringContaining('실제 컨테이너가 필요합니다') });
    expect(one(report, 'fx-skip-cleanup')).toMatchObject({ status: 'skipped', phase: 'cleanup' });
    expect(report.counts).toEqual({ ran: 1, passed: 1, failed: 0, skipped: 3, notRun: 0, skippedByNeed: { internet: 1, containers: 1, 'kind-node': 1 }, ranByNeed: {} });
    expect(report.failed).toBe(false);
  });

  it('outside CI runs them', async () => {
    const report = await run('skip-reasons.md', { ci: false });
    expect(lines('skip.log')).toEqual(['always', 'net', 'cleanup']);
    expect(report.counts).toMatchObject({ ran: 4, skipped: 0 });
  });
});

describe('notebook runner: challenges', () => {
  it('proves each scenario broken (verify fails) and then fixed (verify passes), in protocol order', async () => {
    const report = await run('challenge-proven.md');
    expect(report.scenarios).toEqual([
      expect.objectContaining({ scenario: 's1', status: 'proven' }),
      expect.objectContaining({ scenario: 's2', status: 'proven' }),
    ]);
    expect(lines('challenge.log')).toEqual(['setup', 'fault', 'look', 'fix', 'end']);
    const s1 = report.steps.filter((s) => s.scenario === 's1').map((s) => [s.cellId, s.phase, s.status, s.ok]);
    expect(s1).toEqual([
      ['fx-ch-s1-fault', 'fault', 'passed', true],
      ['fx-ch-s1-look', 'investigate', 'passed', true],
      ['fx-ch-s1-check', 'verify-broken', 'failed', true],
      ['fx-ch-s1-fix', 'solution', 'passed', true],
      ['fx-ch-s1-check', 'verify-fixed', 'passed', true],
    ]);
    expect(byId(report, 'fx-ch-s1-check')[0]!.message).toContain('예상대로 실패');
    expect(report.failed).toBe(false);
    expect(report.counts).toMatchObject({ failed: 0, ran: 12 });
  });

  it('in CI a skipped investigation cell is skipped but the scenario is still proven', async () => {
    const report = await run('challenge-proven.md', { ci: true });
    expect(report.scenarios.map((s) => s.status)).toEqual(['proven', 'proven']);
    expect(one(report, 'fx-ch-s2-look')).toMatchObject({ status: 'skipped', skippedNeeds: ['containers'], message: expect.stringContaining('실제 컨테이너가 필요합니다') });
    expect(report.counts).toMatchObject({ ran: 11, skipped: 1, failed: 0 });
    expect(report.failed).toBe(false);
  });

  it('reports a scenario whose verify passes while broken as not proven, and fails the notebook', async () => {
    const report = await run('challenge-not-proven.md');
    expect(report.scenarios).toEqual([expect.objectContaining({ scenario: 's1', status: 'not-proven' })]);
    expect(report.scenarios[0]!.message).toContain('고장 난 상태인데도 verify가 통과했습니다');
    const broken = byId(report, 'fx-np-check');
    expect(broken.map((s) => [s.phase, s.status, s.ok])).toEqual([
      ['verify-broken', 'passed', false],
      ['verify-fixed', 'not-run', false],
    ]);
    expect(one(report, 'fx-np-fix').status).toBe('not-run');
    expect(one(report, 'fx-np-after').status).toBe('not-run');
    expect(existsSync(path.join(out, 'cleaned'))).toBe(true);
    expect(report.failed).toBe(true);
  });

  it('a CI-skipped verify skips the whole scenario proof and says so: skipped, not passed', async () => {
    const report = await run('challenge-skipped.md', { ci: true });
    expect(report.scenarios).toEqual([expect.objectContaining({ scenario: 's1', status: 'skipped' })]);
    expect(report.scenarios[0]!.skips).toEqual([{ cellId: 'fx-cs-check', needs: ['containers'], reason: expect.stringContaining('(kwok은 프로브를 실행하지 않습니다)') }]);
    expect(existsSync(path.join(out, 'fault-ran'))).toBe(false);
    expect(report.counts).toMatchObject({ ran: 0, passed: 0, skipped: 4 });
    expect(report.failed).toBe(false);
  });
});

describe('notebook runner: interruption and the namespace', () => {
  it('Ctrl-C cancels the running cell (its whole group), skips the rest, and still cleans up', async () => {
    const controller = new AbortController();
    const report = await run('timeout.md', {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === 'step-output' && e.chunk.text.includes('기다립니다')) controller.abort();
      },
    });
    expect(one(report, 'fx-to-hang').status).toBe('cancelled');
    expect(one(report, 'fx-to-after').status).toBe('not-run');
    expect(existsSync(path.join(out, 'cleaned'))).toBe(true);
    expect(report).toMatchObject({ interrupted: true, failed: true });
  });

  it('makes sure the namespace exists first and removes it at the end only if it made it', async () => {
    const calls: string[] = [];
    const cluster = (created: boolean): NotebookCluster => ({
      prepareNamespace: async (name) => (calls.push(`prepare ${name}`), { created }),
      removeNamespace: async (name) => void calls.push(`remove ${name}`),
    });
    const made = await run('ordering.md', { cluster: cluster(true) });
    expect(made.namespaceCreated).toBe(true);
    expect(calls).toEqual(['prepare fx-ordering', 'remove fx-ordering']);
    calls.length = 0;
    await run('ordering.md', { cluster: cluster(false) });
    expect(calls).toEqual(['prepare fx-ordering']);
  });

  it('does not run anything when the namespace cannot be prepared, and says why', async () => {
    const report = await run('ordering.md', {
      cluster: { prepareNamespace: async () => Promise.reject(new Error('API 서버에 연결할 수 없습니다')), removeNamespace: async () => {} },
    });
    expect(existsSync(path.join(out, 'order.log'))).toBe(false);
    expect(report.errors[0]).toContain('API 서버에 연결할 수 없습니다');
    expect(report.steps.every((s) => s.status === 'not-run')).toBe(true);
    expect(report).toMatchObject({ failed: true, unreachable: false });
  });

  it('marks a notebook whose cluster is unreachable, so the CLI stops and exits 2', async () => {
    const report = await run('ordering.md', {
      cluster: { prepareNamespace: async () => Promise.reject(new ClusterUnreachableError('연결이 거부되었습니다')), removeNamespace: async () => {} },
    });
    expect(report).toMatchObject({ failed: true, unreachable: true });
  });
});

describe('notebook runner: expected outputs (CI)', () => {
  it('compares tolerantly, honours compare=none and retry=, fails with a diff at the block line, and reports blocks whose cell did not run', async () => {
    const report = await run('outputs.md', { ci: true });
    const status = Object.fromEntries(report.outputChecks.map((c) => [c.cellId, c.status]));
    expect(status).toEqual({ 'fx-out-table': 'matched', 'fx-out-exempt': 'exempt', 'fx-out-eventually': 'matched', 'fx-out-wrong': 'mismatch', 'fx-out-never': 'not-run' });
    expect(report.outputChecks.find((c) => c.cellId === 'fx-out-eventually')?.attempts).toBe(3);
    const wrong = one(report, 'fx-out-wrong');
    expect(wrong).toMatchObject({ status: 'passed', ok: false });
    expect(wrong.message).toContain('예상 출력이 실제 출력과 다릅니다: test/fixtures/notebooks/outputs.md:46 (output-of=fx-out-wrong)');
    expect(wrong.message).toContain('+ deployment.apps/api created');
    expect(report.outputChecks.find((c) => c.cellId === 'fx-out-never')?.message).toContain('건너뛰어');
    expect(report.failed).toBe(true);
  });

  it('does not compare outside CI mode', async () => {
    const report = await run('outputs.md');
    expect(report.outputChecks).toEqual([]);
    expect(one(report, 'fx-out-wrong').ok).toBe(true);
  });
});

describe('notebook runner: mutants', () => {
  it('proves a verify catches its declared mistake, restores the state, and fails on a mistake the verify misses', async () => {
    const report = await run('mutants.md', { ci: true });
    const status = Object.fromEntries(report.mutants.map((m) => [m.mutantId, m.status]));
    expect(status).toEqual({ 'fx-mut-typo': 'proven', 'fx-mut-harmless': 'not-proven', 'fx-mut-skip': 'skipped', 'fx-mut-logs': 'skipped' });
    // A mutant of a verify skipped for a need is reported as waiting for it, not dropped.
    expect(report.mutants.find((m) => m.mutantId === 'fx-mut-logs')?.message).toContain('실제 컨테이너 로그가 필요함');
    expect(report.mutants.find((m) => m.mutantId === 'fx-mut-harmless')?.message).toContain('verify(fx-mut-check)가 통과했습니다');
    // Restored: the step's cell ran again and the state is right for the rest of the notebook.
    expect(readFileSync(path.join(out, 'label'), 'utf8').trim()).toBe('app=web');
    expect(byId(report, 'fx-mut-check').map((s) => [s.phase, s.ok])).toEqual([
      ['main', true],
      ['mutant-verify', true],
      ['restored-verify', true],
      ['mutant-verify', false],
      ['restored-verify', true],
    ]);
    expect(one(report, 'fx-mut-next-check').ok).toBe(true);
    expect(report.failed).toBe(true);
  });
});

describe('notebook runner: a mutant with undo="..."', () => {
  it('takes the mistake back with the undo command alone (the step cell is not re-run) and proves the mutant', async () => {
    const report = await run('mutants-undo.md', { ci: true });
    expect(report.mutants.map((m) => [m.mutantId, m.status])).toEqual([['fx-undo-label', 'proven']]);
    expect(byId(report, 'fx-undo-label-undo').map((s) => [s.phase, s.ok])).toEqual([['restore', true]]);
    expect(lines('undo.log')).toEqual(['undo']);
    expect(lines('step.log')).toEqual(['step']);
    expect(byId(report, 'fx-undo-check').map((s) => [s.phase, s.ok])).toEqual([
      ['main', true],
      ['mutant-verify', true],
      ['restored-verify', true],
    ]);
  });
});

describe('notebook runner: mutants of a challenge scenario', () => {
  it('proves a typical wrong fix after the scenario is fixed, restoring with the solution cells', async () => {
    const report = await run('challenge-mutants.md', { ci: true });
    expect(report.scenarios.map((s) => [s.scenario, s.status])).toEqual([['s1', 'proven']]);
    const status = Object.fromEntries(report.mutants.map((m) => [m.mutantId, m.status]));
    // The blind one: `grep -qx 8080` still finds the line after a trailing blank one, so the verify passes.
    expect(status).toEqual({ 'fx-cm-mut-close': 'proven', 'fx-cm-mut-blind': 'not-proven' });
    expect(byId(report, 'fx-cm-check').map((s) => [s.phase, s.ok])).toEqual([
      ['verify-broken', true],
      ['verify-fixed', true],
      ['mutant-verify', true],
      ['restored-verify', true],
      ['mutant-verify', false],
      ['restored-verify', true],
    ]);
    // Restored by the scenario's solution: once for the fix, once per mutant.
    expect(lines('fix.log')).toEqual(['fix', 'fix', 'fix']);
  });
});

