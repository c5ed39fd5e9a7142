import { describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown, type MutantCell } from '../core';
import { createdByMutant } from './mutants';
import { planNotebook } from './plan';

const md = `---
namespace: m
---

\`\`\`yaml id=m-rb
apiVersion: v1
kind: ConfigMap
metadata:
  name: right
\`\`\`

\`\`\`bash verify id=m-check
true
\`\`\`

\`\`\`yaml mutant of=m-check id=m-extra
apiVersion: v1
kind: ConfigMap
metadata:
  name: right
data:
  wrong: "1"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: extra
\`\`\`
`;

describe('mutant planning and undo', () => {
  const parsed = parseCellsFromMarkdown(md, 'notebooks/m.md');
  const plan = planNotebook(parsed, { ci: true });
  const verify = plan.main.flatMap((i) => (i.type === 'step' ? [i.step] : [])).find((s) => s.cell.id === 'm-check')!;
  const mutant = verify.mutants![0]!;

  it('attaches the mutant to its verify and restores with the step cells before it', () => {
    expect(parsed.problems).toEqual([]);
    expect((mutant.mutant as MutantCell).of).toBe('m-check');
    expect(mutant.restore.map((s) => [s.cell.id, s.phase])).toEqual([['m-rb', 'restore']]);
  });

  it('deletes only the objects the mutant created, not the ones it changed', () => {
    const undo = createdByMutant(mutant, [
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'right', namespace: 'm', status: 'configured', message: '', warnings: [] },
      { apiVersion: 'v1', kind: 'ConfigMap', name: 'extra', namespace: 'm', status: 'created', message: '', warnings: [] },
    ]);
    expect(undo?.kind).toBe('delete');
    expect(undo?.cell.kind === 'manifest' && undo.cell.cleanup).toBe(true);
    expect(undo?.cell.kind === 'manifest' && undo.cell.documents.map((d) => d.name)).toEqual(['extra']);
    expect(createdByMutant(mutant, [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'right', namespace: 'm', status: 'configured', message: '', warnings: [] }])).toBeUndefined();
  });
});
