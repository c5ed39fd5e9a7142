/**
 * The final project's automatic rubric against a real API server, in the order CI runs it:
 * apply the reference solution with the notebook runner, score it (library and the rubric-check
 * notebook, i.e. `npm run rubric -- --min 70`), then run the cleanup notebook.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown } from '../../src/core';
import { closeTarget, deleteObjects, detectCapabilities, kubeRequest, loadTarget, type KubeTarget } from '../../src/kube';
import { kubeCluster } from '../../src/notebook/kube-cluster';
import { runNotebook } from '../../src/notebook/run';
import type { NotebookReport } from '../../src/notebook/types';
import { gatherSnapshot, MACHINE_POINTS, scoreRubric, type RubricReport } from '../../src/rubric';

const root = path.resolve(import.meta.dirname, '../..');
const NAMESPACES = ['fp-dev', 'fp-staging', 'fp-prod', 'fp-gateway', 'fp-monitoring', 'fp-logging', 'fp-velero', 'fp-cert-manager', 'fp-external-secrets'];

let target: KubeTarget;

async function run(file: string): Promise<NotebookReport> {
  const relative = `notebooks/final-project/${file}`;
  const parsed = parseCellsFromMarkdown(await readFile(path.join(root, relative), 'utf8'), relative);
  expect(parsed.problems).toEqual([]);
  return runNotebook(parsed, {
    ci: true,
    capabilities: await detectCapabilities(target, { internet: false }),
    cluster: kubeCluster(target),
    env: { ...process.env, K8S_COURSE_ROOT: root },
    defaultTimeoutMs: 60_000,
  });
}

const failures = (report: NotebookReport) => report.steps.filter((s) => !s.ok && s.status !== 'skipped').map((s) => [s.cellId, s.message, s.output]);

const lostPoints = (report: RubricReport) =>
  report.areas
    .flatMap((a) => a.criteria.flatMap((c) => c.checks))
    .filter((c) => c.judge === 'machine' && c.earned < c.possible)
    .map((c) => [c.id, c.parts.filter((p) => !p.ok).map((p) => p.missing)]);

async function namespacesLeft(): Promise<string[]> {
  const left: string[] = [];
  for (const name of NAMESPACES) if ((await kubeRequest(target, { method: 'GET', path: `/api/v1/namespaces/${name}` })).status !== 404) left.push(name);
  return left;
}

beforeAll(() => {
  target = loadTarget();
});

afterAll(async () => {
  const report = await run('teardown.md');
  expect(failures(report)).toEqual([]);
  // The cleanup deletes with --wait=false; wait here so the next run (or suite) starts clean.
  const deadline = Date.now() + 240_000;
  while ((await namespacesLeft()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2000));
  expect(await namespacesLeft()).toEqual([]);
  await closeTarget(target);
}, 300_000);

describe('the final project rubric on a real cluster', () => {
  it('applies the reference solution through the notebook runner, with every step green', async () => {
    const report = await run('reference-solution.md');
    expect(failures(report)).toEqual([]);
    expect(report.failed).toBe(false);
    expect(report.steps.filter((s) => s.status === 'skipped').map((s) => s.cellId)).toEqual([
      'fp-ref-install-cert-manager',
      'fp-ref-install-eso',
      'fp-ref-install-kps',
      'fp-ref-install-velero',
      'fp-ref-verify-controllers',
      'fp-ref-verify-secrets-synced',
      'fp-ref-gateway-curl',
      'fp-ref-prometheus-targets',
      'fp-ref-backup-now',
    ]);
    // The reference leaves its platform in place for the rubric.
    expect(await namespacesLeft()).toEqual(NAMESPACES);
  }, 300_000);

  it('scores the reference at full machine points', async () => {
    const report = scoreRubric(await gatherSnapshot(target, { prefix: 'fp' }), { prefix: 'fp', context: target.context });
    expect(lostPoints(report)).toEqual([]);
    expect(report.totals.machineEarned).toBe(MACHINE_POINTS);
    expect(report.notes).toEqual([]);
  });

  it('passes the rubric-check notebook (npm run rubric -- --min 70)', async () => {
    const report = await run('rubric-check.md');
    expect(failures(report)).toEqual([]);
    const verify = report.steps.find((s) => s.cellId === 'fp-rubric-verify')!;
    expect(verify).toMatchObject({ status: 'passed', message: expect.stringContaining('70점 이상') });
    expect(report.steps.find((s) => s.cellId === 'fp-rubric-report')!.output).toContain(`합계: 자동 채점 ${MACHINE_POINTS}/${MACHINE_POINTS}점`);
  }, 180_000);

  it('takes points away for what is really missing in the cluster', async () => {
    const results = await deleteObjects(target, [
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-all', namespace: 'fp-staging' } },
      { apiVersion: 'velero.io/v1', kind: 'Schedule', metadata: { name: 'fp-prod-daily', namespace: 'fp-velero' } },
    ]);
    expect(results.map((r) => r.status)).toEqual(['deleted', 'deleted']);
    const report = scoreRubric(await gatherSnapshot(target, { prefix: 'fp' }), { prefix: 'fp' });
    expect(lostPoints(report)).toEqual([
      ['netpol-default-deny', ['fp-staging에 모든 파드의 Ingress·Egress를 막는 정책(podSelector: {}, 규칙 없음)이 없습니다']],
      ['backup-schedule', Array(3).fill('fp-prod 네임스페이스를 백업하는 Velero Schedule이 없습니다')],
    ]);
    expect(report.totals.machineEarned).toBe(MACHINE_POINTS - 5);
  });

  it('scores a prefix with no project at all near zero (only the cluster nodes count)', async () => {
    const prefix = `rb-${randomBytes(3).toString('hex')}`;
    const report = scoreRubric(await gatherSnapshot(target, { prefix }), { prefix });
    expect(report.totals.machineEarned).toBe(5);
    expect(report.areas[0]!.criteria[0]!.checks[0]).toMatchObject({ id: 'cluster-nodes', earned: 5 });
  });
});
