import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_CAPABILITIES, declaredCapabilities, parseCellsFromMarkdown } from '../core';
import { notebookNamespace } from './namespace';
import { planNotebook, planSteps } from './plan';
import { planText } from './plan-text';

const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/notebooks');
const parse = (name: string, text = readFileSync(path.join(fixtures, name), 'utf8')) => parseCellsFromMarkdown(text, `fx/${name}`);

describe('planNotebook', () => {
  it('keeps document order and moves cleanup cells to the end', () => {
    const plan = planNotebook(parse('ordering.md'), { ci: false });
    expect(planSteps(plan).map((s) => [s.cell.id, s.phase])).toEqual([
      ['fx-order-1', 'main'],
      ['fx-order-2', 'main'],
      ['fx-order-3', 'main'],
      ['fx-order-check', 'main'],
      ['fx-order-cleanup', 'cleanup'],
    ]);
    expect(plan.declaredNamespace).toBe('fx-ordering');
  });

  it('puts a scenario where its first cell is, in protocol order with the verify expected to fail first', () => {
    const plan = planNotebook(parse('challenge-proven.md'), { ci: false });
    expect(plan.main.map((item) => (item.type === 'step' ? item.step.cell.id : `scenario ${item.scenario}`))).toEqual([
      'fx-ch-setup',
      'scenario s1',
      'scenario s2',
      'fx-ch-end',
    ]);
    const s1 = plan.main[1]!;
    if (s1.type !== 'scenario') throw new Error('expected a scenario');
    expect(s1.steps.map((s) => [s.cell.id, s.phase, s.expect])).toEqual([
      ['fx-ch-s1-fault', 'fault', 'pass'],
      ['fx-ch-s1-look', 'investigate', 'pass'],
      ['fx-ch-s1-check', 'verify-broken', 'fail'],
      ['fx-ch-s1-fix', 'solution', 'pass'],
      ['fx-ch-s1-check', 'verify-fixed', 'pass'],
    ]);
    expect(s1.problem).toBeUndefined();
  });

  it('skips cells whose needs= the capabilities lack, and a skipped essential cell skips the scenario', () => {
    expect(planSteps(planNotebook(parse('skip-reasons.md'), { ci: false, capabilities: ALL_CAPABILITIES })).filter((s) => s.skipReason)).toEqual([]);
    const none = planNotebook(parse('skip-reasons.md'), { ci: true, capabilities: declaredCapabilities('none').capabilities });
    expect(planSteps(none).filter((s) => s.skipReason).map((s) => [s.cell.id, s.unmet])).toEqual([
      ['fx-skip-net', ['internet']],
      ['fx-skip-verify', ['containers']],
      ['fx-skip-cleanup', ['kind-node']],
    ]);
    const real = planNotebook(parse('skip-reasons.md'), { ci: true, capabilities: declaredCapabilities('containers').capabilities });
    expect(planSteps(real).filter((s) => s.skipReason).map((s) => s.cell.id)).toEqual(['fx-skip-net', 'fx-skip-cleanup']);
    const challenge = planNotebook(parse('challenge-skipped.md'), { ci: true, capabilities: declaredCapabilities('none').capabilities });
    expect(challenge.main[0]).toMatchObject({ type: 'scenario', skips: [{ cellId: 'fx-cs-check', needs: ['containers'], reason: expect.stringContaining('실제 컨테이너가 필요합니다') }] });
  });

  it('names a scenario that cannot be proven', () => {
    const text = '```bash fault id=a scenario=s1\ntrue\n```\n\n```bash solution id=b scenario=s1\ntrue\n```\n';
    const plan = planNotebook(parse('x.md', text), { ci: false });
    expect(plan.main[0]).toMatchObject({ type: 'scenario', problem: expect.stringContaining('verify 셀이 없어') });
  });

  it('carries author problems and rejects a front matter namespace that is not a name', () => {
    expect(planNotebook(parse('bad-syntax.md'), { ci: false }).problems[0]!.code).toBe('conflicting-flags');
    const plan = planNotebook(parse('x.md', '---\nnamespace: Not_OK\n---\n\n```bash run id=a\ntrue\n```\n'), { ci: false });
    expect(plan.problems[0]!.message).toContain('Not_OK');
  });
});

describe('notebookNamespace', () => {
  it('uses the declared namespace or makes a valid, unique one', () => {
    expect(notebookNamespace('notebooks/day2/lab.md', 'd2-lab')).toBe('d2-lab');
    expect(notebookNamespace('notebooks/day2/lab.md', undefined, 'abc123')).toBe('nb-day2-lab-abc123');
    const long = notebookNamespace(`notebooks/${'x'.repeat(100)}.md`, undefined, 'abc123');
    expect(long.length).toBeLessThanOrEqual(63);
    expect(long).toMatch(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/);
    expect(notebookNamespace('a.md', undefined)).not.toBe(notebookNamespace('a.md', undefined));
  });
});

describe('planText (--dry-list)', () => {
  it('lists order, scenario protocol, skips with reasons and the cleanup', () => {
    const text = planText(planNotebook(parse('challenge-skipped.md'), { ci: true, capabilities: declaredCapabilities('none').capabilities }), 'nb-x');
    expect(text).toContain('시나리오 s1');
    expect(text).toContain('시나리오 전체를 건너뜀 (증명하지 않음): fx-cs-check: 이 셀은 실제 컨테이너가 필요합니다');
    const ordering = planText(planNotebook(parse('ordering.md'), { ci: false }), 'fx-ordering');
    expect(ordering.indexOf('fx-order-3')).toBeLessThan(ordering.indexOf('정리'));
    expect(ordering.indexOf('정리')).toBeLessThan(ordering.indexOf('fx-order-cleanup'));
    const outside = planText(planNotebook(parse('skip-reasons.md'), { ci: false }), 'nb-x');
    expect(outside).toContain('[needs=internet]');
    expect(outside).not.toContain('건너뜀:');
  });
});
