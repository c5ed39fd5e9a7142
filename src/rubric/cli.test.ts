import { describe, expect, it } from 'vitest';
import { referenceSnapshot } from './__fixtures__/snapshot';
import { MACHINE_POINTS } from './catalog';
import { main, parseRubricArgs } from './cli';
import { formatHuman, formatJson } from './format';
import { scoreRubric } from './score';

describe('npm run rubric options', () => {
  it('defaults to the fp prefix and the human format', () => {
    expect(parseRubricArgs([])).toEqual({ prefix: 'fp', format: 'human', min: undefined, context: undefined, help: false });
    expect(parseRubricArgs(['--prefix', 'team3', '--format', 'json', '--min', '70'])).toMatchObject({ prefix: 'team3', format: 'json', min: 70 });
  });

  it('refuses what it cannot use, in Korean', () => {
    expect(parseRubricArgs(['--prefix', 'Team_3'])).toEqual({ error: expect.stringContaining('네임스페이스 접두사') });
    expect(parseRubricArgs(['--format', 'xml'])).toEqual({ error: expect.stringContaining('human 또는 json') });
    expect(parseRubricArgs(['--min', String(MACHINE_POINTS + 1)])).toEqual({ error: expect.stringContaining(`0에서 ${MACHINE_POINTS}`) });
    expect(parseRubricArgs(['--min', '7.5'])).toEqual({ error: expect.stringContaining('정수') });
    expect(parseRubricArgs(['--what'])).toEqual({ error: expect.stringContaining('옵션을 읽을 수 없습니다') });
  });

  it('answers --help and usage errors without a cluster', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) };
    expect(await main(['--help'], io)).toBe(0);
    expect(out.join('')).toContain('사용법: npm run rubric');
    expect(await main(['--min=-1'], io)).toBe(2);
    expect(err.join('')).toContain('--min 값(-1)');
  });
});

describe('report formats', () => {
  const report = scoreRubric(referenceSnapshot(), { prefix: 'fp', context: 'kind-k8s-course' });

  it('human: per-area totals, human checks marked as such, the grand total last', () => {
    const text = formatHuman(report);
    expect(text).toContain('최종 프로젝트 자동 채점: 접두사 fp (fp-dev, fp-staging, fp-prod), 컨텍스트 kind-k8s-course');
    expect(text).toContain('기능성 (40점): 자동 32/32점, 사람 평가 8점');
    expect(text).toContain('[사람 평가 5점] HA 컨트롤 플레인과 etcd 백업·복원');
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      `합계: 자동 채점 ${MACHINE_POINTS}/${MACHINE_POINTS}점 · 사람 평가 22점은 발표와 데모에서 · 보너스 최대 +15점 (만점 100점)`,
    );
  });

  it('human: a lost part shows its label, points and what is missing', () => {
    const snapshot = referenceSnapshot();
    snapshot.schedules = [];
    const text = formatHuman(scoreRubric(snapshot, { prefix: 'fp' }));
    expect(text).toContain('✘ 0/3점  일일 백업 일정');
    expect(text).toContain('- 매일 실행 (1점): fp-prod 네임스페이스를 백업하는 Velero Schedule이 없습니다');
  });

  it('json: the whole report, parseable', () => {
    expect(JSON.parse(formatJson(report))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

describe('the pages that quote the rubric', () => {
  it('state the current machine total and a --min the reference can reach', async () => {
    const { readFile } = await import('node:fs/promises');
    const root = new URL('../../', import.meta.url);
    const notebook = await readFile(new URL('notebooks/final-project/rubric-check.md', root), 'utf8');
    const page = await readFile(new URL('docs/final-project/rubric-check.mdx', root), 'utf8');
    expect(notebook).toContain(`자동 채점 ${MACHINE_POINTS}점 중 **70점 이상**`);
    expect(notebook).toContain(`| 자동 채점 | ${MACHINE_POINTS}점 |`);
    expect(notebook).toContain('rubric -- --min 70');
    expect(page).toContain(`(${MACHINE_POINTS}점)`);
    expect(70).toBeLessThanOrEqual(MACHINE_POINTS);
  });
});
