import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { runReport } from '../summary';
import type { NotebookReport, StepReport } from '../types';
import { FORMATS } from './index';
import { xmlEscape } from './junit';

const step = (over: Partial<StepReport>): StepReport => ({
  cellId: 'c',
  file: 'notebooks/x.md',
  line: 3,
  kind: 'run',
  phase: 'main',
  expect: 'pass',
  status: 'passed',
  ok: true,
  message: '',
  output: '',
  truncated: false,
  durationMs: 1234,
  ...over,
});

const notebook: NotebookReport = {
  file: 'notebooks/x.md',
  title: '예시',
  namespace: 'x-lab',
  namespaceCreated: true,
  outputChecks: [],
  mutants: [],
  leaks: [],
  steps: [
    step({ cellId: 'ok-1', output: 'hello\n' }),
    step({ cellId: 'bad', kind: 'verify', status: 'failed', ok: false, message: '준비되지 않았습니다 <deploy/web> & "x"', output: '\u001b[31mError\u001b[0m: boom\u0007\n' }),
    step({ cellId: 'hung', status: 'timed-out', ok: false, message: '제한 시간' }),
    step({ cellId: 'net', status: 'skipped', ok: false, message: '인터넷이 필요합니다' }),
    step({ cellId: 'later', status: 'not-run', ok: false, message: '앞 셀(bad)이 실패해 실행하지 않았습니다.' }),
    step({ cellId: 'chk', kind: 'verify', phase: 'verify-broken', scenario: 's1', expect: 'fail', status: 'failed', ok: true, message: '예상대로 실패' }),
  ],
  scenarios: [
    { scenario: 's1', status: 'proven', message: '증명됨', skips: [] },
    { scenario: 's2', status: 'skipped', message: 'CI에서 건너뜀', skips: [{ cellId: 'v2', reason: 'kwok' }] },
    { scenario: 's3', status: 'not-proven', message: 'verify가 통과했습니다', skips: [] },
  ],
  problems: [],
  errors: [],
  interrupted: false,
  unreachable: false,
  durationMs: 5000,
  counts: { ran: 4, passed: 2, failed: 2, skipped: 1, notRun: 1, skippedByNeed: { containers: 1 }, ranByNeed: {} },
  failed: true,
};
const report = runReport([notebook], { ci: true, context: 'kind-k8s-course', durationMs: 6000, interrupted: false });

describe('JUnit', () => {
  const xml = FORMATS.junit.format(report);
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => name === 'testcase' || name === 'testsuite' }).parse(xml);

  it('parses back with a testsuite per notebook and a testcase per step and scenario proof', () => {
    const suite = parsed.testsuites.testsuite[0];
    expect(suite).toMatchObject({ name: 'notebooks/x.md', tests: '9', failures: '2', errors: '1', skipped: '3' });
    expect(parsed.testsuites).toMatchObject({ tests: '9', failures: '2', errors: '1', skipped: '3', time: '6.000' });
    const names = suite.testcase.map((c: { name: string }) => c.name);
    expect(names).toContain('ok-1 (실행)');
    expect(names).toContain('chk (확인) [s1 고장 확인(실패해야 함)]');
    expect(names).toContain('시나리오 s1: 고장 → 수정 증명');
  });

  it('keeps messages exact, strips colours and control characters, and maps statuses', () => {
    const cases = parsed.testsuites.testsuite[0].testcase as Array<Record<string, any>>;
    const byName = (prefix: string) => cases.find((c) => c.name.startsWith(prefix))!;
    expect(byName('bad ').failure).toMatchObject({ message: '준비되지 않았습니다 <deploy/web> & "x"', type: 'failed', '#text': 'Error: boom' });
    expect(byName('hung ').error).toMatchObject({ type: 'timed-out' });
    expect(byName('net ').skipped.message).toBe('인터넷이 필요합니다');
    expect(byName('later ').skipped.message).toContain('실행하지 않았습니다');
    expect(byName('ok-1 ')['system-out']).toBe('hello');
    expect(byName('ok-1 ')).toMatchObject({ classname: 'notebooks/x.md', file: 'notebooks/x.md', line: '3', time: '1.234' });
    expect(byName('시나리오 s2').skipped.message).toBe('CI에서 건너뜀');
    expect(byName('시나리오 s3').failure.message).toBe('verify가 통과했습니다');
  });

  it('escapes what XML needs', () => {
    expect(xmlEscape(`<a b="c">&'\u0001`)).toBe('&lt;a b=&quot;c&quot;&gt;&amp;&apos;');
  });
});

describe('human and JSON', () => {
  it('human: failures with output, scenarios, skip reasons, counts, and the closing line', () => {
    const text = FORMATS.human.format(report);
    expect(text).toContain('✘ notebooks/x.md — 예시');
    expect(text).toContain('네임스페이스 x-lab (러너가 만들고 지움)');
    expect(text).toContain('✘ bad 확인: 실패 (1.2초) — 준비되지 않았습니다');
    expect(text).toContain('      | \u001b[31mError\u001b[0m: boom');
    expect(text).toContain('시나리오 s3: 증명 안 됨');
    expect(text).toContain('    - net: 인터넷이 필요합니다');
    expect(text).toContain('실행 4, 통과 2, 실패 2, 건너뜀 1, 실행 안 함 1');
    expect(text).toContain('결과: 실패');
    expect(text.trimEnd().split('\n').at(-1)).toBe('notebooks: 2 passed, 2 failed, 1 skipped');
  });

  it('human: how many verify cells have a proven mutant, wait for a need, or have none', () => {
    const mutant = (mutantId: string, verifyId: string, status: NotebookReport['mutants'][number]['status']) => ({ mutantId, verifyId, file: 'notebooks/x.md', line: 9, status, message: '' });
    const withMutants: NotebookReport = {
      ...notebook,
      steps: [...notebook.steps, step({ cellId: 'logs', kind: 'verify', status: 'skipped', ok: false }), step({ cellId: 'bare', kind: 'verify' })],
      mutants: [mutant('m1', 'chk', 'proven'), mutant('m2', 'chk', 'skipped'), mutant('m3', 'logs', 'skipped'), mutant('m4', 'bad', 'not-run')],
    };
    const text = FORMATS.human.format(runReport([withMutants], { ci: true, durationMs: 1, interrupted: false }));
    expect(text).toContain('verify 셀 4개 중 증명된 흔한 실수가 있는 셀 1개, 실수가 필요한 것(needs=)을 기다리는 셀 1개, 실수가 없는 셀 1개');
    expect(text).toContain('  흔한 실수(mutant)가 없는 verify 셀: bare');
  });

  it('human: lab steps (verify cells with no step cell between them, a scenario) with a proven mutant, waiting, or without', () => {
    const mutant = (mutantId: string, verifyId: string, status: NotebookReport['mutants'][number]['status']) => ({ mutantId, verifyId, file: 'notebooks/x.md', line: 9, status, message: '' });
    const lab: NotebookReport = {
      ...notebook,
      steps: [
        step({ cellId: 'a-run' }),
        step({ cellId: 'a-health', kind: 'verify' }),
        step({ cellId: 'a-static', kind: 'verify', status: 'skipped', ok: false }),
        step({ cellId: 'm1', phase: 'mutant' }),
        step({ cellId: 'a-health', kind: 'verify', phase: 'mutant-verify', expect: 'fail' }),
        step({ cellId: 'b-apply', kind: 'apply' }),
        step({ cellId: 'b-check', kind: 'verify' }),
        step({ cellId: 'c-run' }),
        step({ cellId: 'c-logs', kind: 'verify', status: 'skipped', ok: false }),
        step({ cellId: 'd-fault', phase: 'fault', scenario: 's1' }),
        step({ cellId: 'd-verify', kind: 'verify', phase: 'verify-broken', scenario: 's1', expect: 'fail' }),
        step({ cellId: 'd-verify', kind: 'verify', phase: 'verify-fixed', scenario: 's1' }),
      ],
      mutants: [mutant('m1', 'a-health', 'proven'), mutant('m2', 'c-logs', 'skipped'), mutant('m3', 'd-verify', 'not-proven')],
    };
    const text = FORMATS.human.format(runReport([lab], { ci: true, durationMs: 1, interrupted: false }));
    expect(text).toContain('verify 셀이 있는 단계 4개, 증명된 흔한 실수가 있는 단계 1개');
    expect(text).toContain('  실수가 필요한 것(needs=)을 기다리는 단계 1개: c-logs');
    expect(text).toContain('  증명된 실수가 없는 단계 2개: b-check, d-verify');
  });

  it('JSON: the report as data', () => {
    expect(JSON.parse(FORMATS.json.format(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});
