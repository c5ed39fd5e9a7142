/**
 * The notebook runner against a real API server (the global setup's cluster): manifest cells
 * through src/kube, the namespace the runner makes and removes, a challenge proven broken then
 * fixed with manifest faults, and the CLI's JUnit output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../../src/core';
import { closeTarget, detectCapabilities, loadTarget, type KubeTarget } from '../../src/kube';
import { main } from '../../src/notebook/cli';
import { kubeCluster } from '../../src/notebook/kube-cluster';
import { runNotebook } from '../../src/notebook/run';
import type { NotebookReport } from '../../src/notebook/types';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = (name: string) => `test/fixtures/notebooks/${name}`;

let target: KubeTarget;
beforeAll(() => {
  target = loadTarget();
});
afterAll(async () => closeTarget(target));

function namespaceExists(name: string): boolean {
  const result = spawnSync('kubectl', ['get', 'namespace', name, '-o', 'name'], { encoding: 'utf8' });
  return result.status === 0;
}

async function run(name: string): Promise<NotebookReport> {
  const parsed = parseCellsFromMarkdown(await readFile(path.join(root, fixture(name)), 'utf8'), fixture(name));
  expect(parsed.problems).toEqual([]);
  return runNotebook(parsed, { ci: true, capabilities: await detectCapabilities(target, { internet: false }), cluster: kubeCluster(target), env: process.env, defaultTimeoutMs: 60_000 });
}

const step = (report: NotebookReport, id: string) => report.steps.find((s) => s.cellId === id)!;

describe('notebook runner on a real cluster', () => {
  it('applies manifests into a namespace it makes, checks them, expects a rejection, and removes everything', async () => {
    const report = await run('cluster-lab.md');
    expect(report.steps.filter((s) => !s.ok).map((s) => [s.cellId, s.message, s.output])).toEqual([]);
    expect(report.namespaceCreated).toBe(true);
    expect(report.namespace).toMatch(/^nb-test-fixtures-notebooks-cluster-lab-/);
    expect(step(report, 'fx-it-config').objects).toEqual([
      expect.objectContaining({ kind: 'ConfigMap', name: 'fx-config', namespace: report.namespace, status: 'created' }),
    ]);
    expect(step(report, 'fx-it-config-check').message).toBe('ConfigMap이 적용되었습니다');
    // The restore re-applies the manifest over the field kubectl patch took (server-side apply force).
    expect(report.mutants.map((m) => [m.mutantId, m.status, m.message])).toEqual([['fx-it-mut-patched', 'proven', expect.stringContaining('되돌린 뒤 통과')]]);
    expect(step(report, 'fx-it-invalid')).toMatchObject({ kind: 'expect-invalid', status: 'passed' });
    expect(step(report, 'fx-it-invalid').objects?.[0]).toMatchObject({ status: 'invalid' });
    expect(step(report, 'fx-it-cleanup').objects?.map((o) => o.status)).toEqual(['deleted', 'deleted']);
    expect(report.failed).toBe(false);
    // The runner waited for its namespace to be gone, so the next run starts clean.
    expect(namespaceExists(report.namespace)).toBe(false);
  });

  it('proves a manifest fault broken then fixed, reports a verify that passes while broken, and cleans up', async () => {
    const report = await run('cluster-challenge.md');
    expect(report.scenarios.map((s) => [s.scenario, s.status])).toEqual([
      ['s1', 'proven'],
      ['s2', 'not-proven'],
    ]);
    const s1 = report.steps.filter((s) => s.scenario === 's1').map((s) => [s.cellId, s.phase, s.status]);
    expect(s1).toEqual([
      ['fx-itc-s1-fault', 'fault', 'passed'],
      ['fx-itc-s1-check', 'verify-broken', 'failed'],
      ['fx-itc-s1-fix', 'solution', 'passed'],
      ['fx-itc-s1-check', 'verify-fixed', 'passed'],
    ]);
    expect(step(report, 'fx-itc-cleanup')).toMatchObject({ phase: 'cleanup', status: 'passed' });
    expect(report.failed).toBe(true);
    expect(namespaceExists('fx-it-challenge')).toBe(false);
  });
});

describe('npm run notebook on a real cluster', () => {
  const out = mkdtempSync(path.join(tmpdir(), 'notebook-it-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs in CI mode, writes JUnit, and exits 0 when every notebook passes', async () => {
    let stderr = '';
    const report = path.join(out, 'notebooks.xml');
    const code = await main(['--ci', '--format', 'junit', '--output', report, fixture('cluster-lab.md'), fixture('skip-reasons.md')], {
      stdout: () => {},
      stderr: (t) => void (stderr += t),
      env: { ...process.env, FIXTURE_OUT: out },
      cwd: root,
    });
    expect(stderr).toContain('클러스터: 컨텍스트');
    expect(code).toBe(0);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => n === 'testsuite' || n === 'testcase' }).parse(
      readFileSync(report, 'utf8'),
    );
    expect(xml.testsuites).toMatchObject({ failures: '0', errors: '0' });
    const lab = xml.testsuites.testsuite[0];
    expect(lab.testcase.map((c: { name: string }) => c.name)).toContain('fx-it-invalid (거부 확인)');
    expect(xml.testsuites.testsuite[1].testcase.find((c: { name: string }) => c.name.startsWith('fx-skip-net')).skipped.message).toContain(
      '이 셀은 인터넷이 필요합니다',
    );
  });
});
