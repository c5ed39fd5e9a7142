/**
 * src/runner's manifest actions against a real API server: apply, dry-run, diff and delete of a
 * manifest cell with per-object results, the default namespace rule, and expect-invalid.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown, type ManifestCell } from '../../src/core';
import { closeTarget, ensureNamespaces, loadTarget, type KubeTarget } from '../../src/kube';
import { runCell } from '../../src/runner';

const ns = `it-runner-${randomBytes(3).toString('hex')}`;
const other = `${ns}-cell`;
let target: KubeTarget;

const md = `---
namespace: ${ns}
---

\`\`\`yaml id=it-r-objects
apiVersion: v1
kind: ConfigMap
metadata:
  name: one
data:
  a: "1"
---
apiVersion: v1
kind: Secret
metadata:
  name: two
stringData:
  b: "2"
\`\`\`

\`\`\`yaml id=it-r-cell-ns namespace=${other}
apiVersion: v1
kind: ConfigMap
metadata:
  name: elsewhere
\`\`\`

\`\`\`yaml id=it-r-typo expect-invalid="field not declared in schema"
apiVersion: v1
kind: ConfigMap
metadata:
  name: typo
dataa:
  a: "1"
\`\`\`

\`\`\`yaml id=it-r-accepted expect-invalid="unknown field"
apiVersion: v1
kind: ConfigMap
metadata:
  name: fine
\`\`\`
`;
const cells = parseCellsFromMarkdown(md, 'it.md').cells as ManifestCell[];
const cell = (id: string) => cells.find((c) => c.id === id)!;

beforeAll(async () => {
  target = loadTarget();
  await ensureNamespaces(target, [ns, other]);
});
afterAll(async () => {
  spawnSync('kubectl', ['delete', 'namespace', ns, other, '--wait=false', '--ignore-not-found']);
  await closeTarget(target);
});

const context = () => ({ cwd: '/tmp', target, namespace: ns, fieldManager: 'it-runner' });

describe('runCell on manifest cells', () => {
  it('dry-run creates nothing, apply creates each object in the notebook namespace, and again is unchanged', async () => {
    const dry = await runCell(cell('it-r-objects'), context(), { action: 'dry-run' });
    expect(dry.status).toBe('passed');
    expect(spawnSync('kubectl', ['-n', ns, 'get', 'configmap', 'one']).status).not.toBe(0);

    const applied = await runCell(cell('it-r-objects'), context());
    expect(applied.status).toBe('passed');
    expect(applied.objects?.map((o) => [o.kind, o.name, o.namespace, o.status])).toEqual([
      ['ConfigMap', 'one', ns, 'created'],
      ['Secret', 'two', ns, 'created'],
    ]);
    expect(applied.output).toContain(`ConfigMap/one (네임스페이스 ${ns}): 생성됨`);
    const again = await runCell(cell('it-r-objects'), context());
    expect(again.objects?.map((o) => o.status)).toEqual(['unchanged', 'unchanged']);
  });

  it("a cell's namespace= wins over the notebook's", async () => {
    const result = await runCell(cell('it-r-cell-ns'), context());
    expect(result.objects?.[0]).toMatchObject({ namespace: other, status: 'created' });
  });

  it('diff shows what an edited cell would change, and delete removes (then finds nothing)', async () => {
    const edited = cell('it-r-objects').source.replace('a: "1"', 'a: "2"');
    const diff = await runCell(cell('it-r-objects'), context(), { action: 'diff', source: edited });
    expect(diff.status).toBe('passed');
    expect(diff.objects?.[0]?.diff).toMatch(/-\s+a: "?1"?/);
    expect(diff.objects?.[0]?.diff).toMatch(/\+\s+a: "?2"?/);

    const deleted = await runCell(cell('it-r-objects'), context(), { action: 'delete' });
    expect(deleted.objects?.map((o) => o.status)).toEqual(['deleted', 'deleted']);
    const gone = await runCell(cell('it-r-objects'), context(), { action: 'delete' });
    expect(gone).toMatchObject({ status: 'passed' });
    expect(gone.objects?.map((o) => o.status)).toEqual(['not-found', 'not-found']);
  });

  it('expect-invalid passes on the expected rejection (strict field validation) and fails when accepted', async () => {
    const rejected = await runCell(cell('it-r-typo'), context());
    expect(rejected.status).toBe('passed');
    expect(rejected.objects?.[0]?.status).toBe('invalid');
    const accepted = await runCell(cell('it-r-accepted'), context());
    expect(accepted.status).toBe('failed');
    expect(accepted.message).toContain('받아들였습니다');
    // Sent as a dry-run: the wrongly accepted object was not created.
    expect(spawnSync('kubectl', ['-n', ns, 'get', 'configmap', 'fine']).status).not.toBe(0);
  });
});
