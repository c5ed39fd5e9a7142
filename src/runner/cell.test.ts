import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown, type ManifestCell, type ShellCell } from '../core';
import { defaultAction, manifestObjects, runCell, timeoutOf } from './cell';
import { fakeKube, fakeTarget } from './fake-kube';

const cwd = mkdtempSync(path.join(tmpdir(), 'runner-cell-'));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

const md = [
  '---',
  'namespace: page-ns',
  '---',
  '```bash verify id=t-check ok="좋아요" fail="아직이에요"',
  'test -f ready',
  '```',
  '',
  '```bash run id=t-ns timeout=5',
  'echo "$LAB_NAMESPACE"',
  '```',
  '',
  '```bash background id=t-bg',
  'sleep 300',
  '```',
  '',
  '```yaml id=t-cm namespace=cell-ns',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: one',
  '```',
  '',
  '```yaml cleanup id=t-clean',
  'apiVersion: v1',
  'kind: ConfigMap',
  'metadata:',
  '  name: one',
  '```',
].join('\n');
const parsed = parseCellsFromMarkdown(md, 'test.md');
const cell = <T>(id: string): T => parsed.cells.find((c) => c.id === id) as T;

describe('runCell', () => {
  it('parses the fixture cleanly', () => expect(parsed.problems).toEqual([]));

  it("gives a verify cell its own Korean ok and fail messages", async () => {
    const check = cell<ShellCell>('t-check');
    expect(await runCell(check, { cwd })).toMatchObject({ status: 'failed', message: '아직이에요 (종료 코드 1)' });
    await runCell(check, { cwd }, { source: 'touch ready' });
    expect(await runCell(check, { cwd })).toMatchObject({ status: 'passed', message: '좋아요' });
  });

  it("hints the page's namespace to shell cells", async () => {
    expect((await runCell(cell<ShellCell>('t-ns'), { cwd, namespace: 'page-ns' })).output).toBe('page-ns\n');
  });

  it('uses timeout=, the caller default, or none for background cells', () => {
    expect(timeoutOf(cell('t-ns'), {})).toBe(5000);
    expect(timeoutOf(cell('t-check'), { defaultTimeoutMs: 1234 })).toBe(1234);
    expect(timeoutOf(cell('t-bg'), {})).toBe(0);
  });

  it('applies a manifest in its own namespace= over the page namespace, and deletes cleanup manifests', async () => {
    const kube = fakeKube('created');
    const applied = await runCell(cell<ManifestCell>('t-cm'), { cwd, target: fakeTarget, namespace: 'page-ns', kube });
    expect(applied.status).toBe('passed');
    expect(kube.calls[0]).toMatchObject({ op: 'apply', options: { defaultNamespace: 'cell-ns' } });
    expect(defaultAction(cell('t-clean'))).toBe('delete');
    await runCell(cell<ManifestCell>('t-clean'), { cwd, target: fakeTarget, namespace: 'page-ns', kube });
    expect(kube.calls[1]).toMatchObject({ op: 'delete', options: { defaultNamespace: 'page-ns' } });
  });

  it('refuses actions a cell cannot do, and manifests without a cluster, as errors', async () => {
    expect((await runCell(cell('t-ns'), { cwd }, { action: 'apply' })).status).toBe('error');
    const noCluster = await runCell(cell('t-cm'), { cwd });
    expect(noCluster.status).toBe('error');
    expect(noCluster.message).toContain('kubeconfig');
  });

  it('reads an edited manifest through src/core and reports YAML errors with their line', () => {
    const cm = cell<ManifestCell>('t-cm');
    expect(manifestObjects(cm, cm.source)).toEqual([cm.documents[0]!.object]);
    expect(manifestObjects(cm, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: two\n')).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'two' } },
    ]);
    expect(manifestObjects(cm, 'a: [\n')).toMatch(/번째 줄/);
    expect(manifestObjects(cm, 'just: text\n')).toMatch(/apiVersion과 kind/);
  });
});
