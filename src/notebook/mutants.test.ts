import { describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown, type MutantCell } from '../core';
import { createdByMutant, proveMutant } from './mutants';
import type { PlanStep, StepReport } from './types';
import { planNotebook } from './plan';

/** The planned main step of the verify cell `id`. */
function verifyStep(plan: ReturnType<typeof planNotebook>, id: string): PlanStep {
  return plan.main.flatMap((i) => (i.type === 'step' ? [i.step] : [])).find((s) => s.cell.id === id)!;
}

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
  const verify = verifyStep(plan, 'm-check');
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

describe('a mutant with undo="..."', () => {
  const undoMd = `---
namespace: m
---

\`\`\`bash run id=u-step
kubectl label node n1 disktype=ssd --overwrite
\`\`\`

\`\`\`bash verify id=u-check
true
\`\`\`

\`\`\`bash mutant of=u-check id=u-no-label timeout=40 undo="kubectl label node n1 disktype=ssd --overwrite"
kubectl label node n1 disktype-
\`\`\`

\`\`\`bash mutant of=u-check id=u-both undo="kubectl rollout resume deployment/web -n m" restore=u-step
kubectl rollout pause deployment/web -n m
\`\`\`
`;
  const parsed = parseCellsFromMarkdown(undoMd, 'notebooks/u.md');
  const plan = planNotebook(parsed, { ci: true });
  const verify = verifyStep(plan, 'u-check');
  const [onlyUndo, withRestore] = verify.mutants!;

  it('restores with the undo command alone, not the step cells, and keeps the mutant timeout', () => {
    expect(parsed.problems).toEqual([]);
    expect(onlyUndo!.skipReason).toBeUndefined();
    expect(onlyUndo!.restore.map((s) => [s.cell.id, s.kind, s.phase])).toEqual([['u-no-label-undo', 'run', 'restore']]);
    const cell = onlyUndo!.restore[0]!.cell;
    expect(cell.kind === 'shell' && cell.source).toBe('kubectl label node n1 disktype=ssd --overwrite');
    expect(cell.timeoutSeconds).toBe(40);
  });

  it('runs the undo before the restore= cells', () => {
    expect(withRestore!.restore.map((s) => s.cell.id)).toEqual(['u-both-undo', 'u-step']);
  });

  it('refuses an empty undo', () => {
    const bad = parseCellsFromMarkdown(`${undoMd}\n\`\`\`bash mutant of=u-check id=u-empty undo=""\nfalse\n\`\`\`\n`, 'notebooks/u.md');
    expect(bad.problems.map((p) => p.message).join('\n')).toContain('undo=""가 비어 있습니다');
  });
});

describe('proving a mutant', () => {
  const parsed = parseCellsFromMarkdown(`---
namespace: m
---

\`\`\`bash run id=p-step
kubectl label node n1 disktype=ssd --overwrite
\`\`\`

\`\`\`bash verify id=p-check
true
\`\`\`

\`\`\`bash mutant of=p-check id=p-half undo="kubectl label node n1 disktype=ssd --overwrite"
kubectl label node n1 disktype=hdd --overwrite
kubectl delete pod gone -n m
\`\`\`
`, 'notebooks/p.md');
  const plan = planNotebook(parsed, { ci: true });
  const verify = verifyStep(plan, 'p-check');
  const mutant = verify.mutants![0]!;
  const result = (step: PlanStep, ok: boolean): StepReport => ({
    cellId: step.cell.id, file: step.cell.file, line: step.cell.line, kind: step.kind, phase: step.phase, expect: step.expect,
    status: ok ? 'passed' : 'failed', ok, message: ok ? '' : '종료 코드 1', output: '', truncated: false, durationMs: 1,
  });

  it('still takes a half-applied mistake back before it reports the failure', async () => {
    const ran: string[] = [];
    const outcome = await proveMutant(mutant, verify, async (step) => {
      ran.push(`${step.cell.id}:${step.phase}`);
      return result(step, step.cell.id !== 'p-half');
    });
    expect(ran).toEqual(['p-half:mutant', 'p-half-undo:restore']);
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain('바른 상태로는 되돌렸습니다');
  });

  it('says so when the restore after a failed mistake fails too', async () => {
    const outcome = await proveMutant(mutant, verify, async (step) => result(step, false));
    expect(outcome.status).toBe('failed');
    expect(outcome.message).toContain('되돌리기도 실패했습니다');
  });

  it('is proven when the verify fails on the mistake and passes after the undo', async () => {
    const ran: string[] = [];
    const outcome = await proveMutant(mutant, verify, async (step) => {
      ran.push(`${step.cell.id}:${step.phase}`);
      return result(step, true);
    });
    expect(ran).toEqual(['p-half:mutant', 'p-check:mutant-verify', 'p-half-undo:restore', 'p-check:restored-verify']);
    expect(outcome.status).toBe('proven');
  });
});
