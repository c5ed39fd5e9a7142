import { describe, expect, it } from 'vitest';
import { parseCellsFromMarkdown, type MutantCell, type OutputCell } from '.';

const parse = (md: string) => parseCellsFromMarkdown(md, 'notebooks/x.md');

describe('output-of compare options', () => {
  it('defaults to tolerant comparison without retries, reads retry= and compare=none reason=', () => {
    const parsed = parse(
      '```bash run id=a\necho a\n```\n\n```text output-of=a\na\n```\n\n```text output-of=a retry=3\na\n```\n\n```text output-of=a compare=none reason="컨텍스트 이름이 다름"\nx\n```\n',
    );
    expect(parsed.problems).toEqual([]);
    const outputs = parsed.cells.filter((c): c is OutputCell => c.kind === 'output').map((c) => c.compare);
    expect(outputs).toEqual([{ mode: 'tolerant', retries: 0 }, { mode: 'tolerant', retries: 3 }, { mode: 'none', reason: '컨텍스트 이름이 다름' }]);
  });

  it('requires a reason for compare=none, with the fence line', () => {
    const parsed = parse('```bash run id=a\necho a\n```\n\n```text output-of=a compare=none\na\n```\n');
    expect(parsed.problems).toMatchObject([{ code: 'missing-reason', line: 5 }]);
    expect(parsed.problems[0]!.message).toContain('compare=none에는 이유가 필요합니다');
  });

  it('on a lecture page (docs/, never run in CI) an expected output must be exempt with a reason', () => {
    const md = '```bash run id=a\necho a\n```\n\n```text output-of=a\na\n```\n\n```text output-of=a compare=none reason="강의 예시"\na\n```\n';
    const docs = parseCellsFromMarkdown(md, 'docs/day1/s1.mdx').problems;
    expect(docs).toMatchObject([{ line: 5 }]);
    expect(docs[0]!.message).toContain('CI에서 실행하지 않아 이 예상 출력이 실제 출력과 비교되지 않습니다');
    expect(parse(md).problems).toEqual([]);
  });

  it('rejects unknown compare modes, bad retries, and a reason without compare=none', () => {
    const bad = (meta: string) => parse(`\`\`\`bash run id=a\necho a\n\`\`\`\n\n\`\`\`text output-of=a ${meta}\na\n\`\`\`\n`).problems.map((p) => p.message);
    expect(bad('compare=exact')[0]).toContain('compare=exact는 지원하지 않습니다');
    expect(bad('retry=0')[0]).toContain('retry=0은 올바르지 않습니다');
    expect(bad('retry=x')[0]).toContain('retry=x');
    expect(bad('reason="왜"')[0]).toContain('compare=none과 함께만');
    expect(bad('compare=none reason="x" retry=2')[0]).toContain('retry=');
  });
});

describe('mutant cells', () => {
  const lab = '```bash run id=step\necho ok\n```\n\n```bash verify id=check\ntrue\n```\n\n';

  it('wraps a bash or yaml wrong variant as a hidden cell pointing at its verify', () => {
    const parsed = parse(
      `${lab}\`\`\`bash mutant of=check id=m1 restore=step\necho wrong\n\`\`\`\n\n\`\`\`yaml mutant of=check id=m2\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n\`\`\`\n`,
    );
    expect(parsed.problems).toEqual([]);
    const [m1, m2] = parsed.cells.filter((c): c is MutantCell => c.kind === 'mutant');
    expect(m1).toMatchObject({ id: 'm1', of: 'check', restore: ['step'], variant: { kind: 'shell', role: 'run', source: 'echo wrong', id: 'm1' } });
    expect(m2).toMatchObject({ id: 'm2', of: 'check', variant: { kind: 'manifest', documents: [{ kind: 'ConfigMap' }] } });
  });

  it('reports a missing of=, an of= that is no verify, an unknown restore id, and role flags', () => {
    const messages = (md: string) => parse(lab + md).problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages('```bash mutant\necho x\n```\n')[0]).toMatch(/^9: mutant 셀에는 .*verify 셀의 id가 필요합니다/);
    expect(messages('```bash mutant of=step\necho x\n```\n')[0]).toContain('그런 id의 verify 셀이 없습니다');
    expect(messages('```bash mutant of=check restore=nope\necho x\n```\n')[0]).toContain('restore=nope');
    expect(messages('```bash mutant verify of=check\necho x\n```\n')[0]).toContain('verify 플래그를 쓸 수 없습니다');
  });
});
