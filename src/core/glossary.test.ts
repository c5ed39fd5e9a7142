import { describe, expect, it } from 'vitest';
import { checkGlossary, type GlossaryRule } from './glossary';
import { parseMarkdownTree } from './parse';

const rules: GlossaryRule[] = [
  { preferred: '레이블', rejected: ['라벨'], reference: 'https://kubernetes.io/ko/docs/concepts/overview/working-with-objects/labels/' },
  { preferred: 'API 서버', rejected: ['apiserver'], reference: 'https://kubernetes.io/ko/docs/concepts/overview/components/' },
];

const check = (text: string) => checkGlossary(parseMarkdownTree(text), text, 'docs/x.mdx', rules);

describe('checkGlossary', () => {
  it('reports a rejected variant in prose at its file line and column, with the preferred term and source', () => {
    const problems = check('# 제목\n\n파드에 라벨을 붙입니다.\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'glossary', file: 'docs/x.mdx', line: 3, column: 5 });
    expect(problems[0]?.message).toContain('"레이블"');
    expect(problems[0]?.message).toContain('kubernetes.io/ko');
  });

  it('checks headings, list items, link text, JSX children and front matter', () => {
    const text = '---\ntitle: 라벨 다루기\n---\n\n## 라벨\n\n- 라벨 하나\n\n[라벨 문서](https://example.com)\n\n<details>\n<summary>라벨</summary>\n\n라벨\n\n</details>\n';
    expect(check(text).map((p) => p.line)).toEqual([2, 5, 7, 9, 12, 14]);
  });

  it('does not look inside code blocks, inline code, URLs or link targets', () => {
    const text = '```bash\nkubectl label pod x 라벨=1\n```\n\n`라벨` 과 `apiserver`\n\nhttps://example.com/라벨 and [문서](https://example.com/apiserver)\n';
    expect(check(text)).toEqual([]);
  });

  it('matches an ASCII variant only as a word: kube-apiserver and apiserver_request_total are fine', () => {
    const text = 'kube-apiserver, apiserver_request_total, --apiserver-count 는 괜찮지만 apiserver 는 아닙니다.\n';
    const problems = check(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.column).toBe(text.lastIndexOf('apiserver') + 1);
  });

  it('skips a quoted example of the wrong term but not a quoted sentence that uses it', () => {
    expect(check('"라벨"이 아니라 "레이블"로 씁니다. ‘라벨’도 아닙니다.\n')).toEqual([]);
    expect(check('"파드의 라벨을 보세요"라고 합니다.\n')).toHaveLength(1);
  });

  it('honours a per-line opt-out only with a reason', () => {
    expect(check('라벨 프린터 {/* glossary-ignore: 사무용품 이름 */}\n')).toEqual([]);
    const problems = check('라벨 {/* glossary-ignore */}\n');
    expect(problems.map((p) => p.code).sort()).toEqual(['glossary', 'glossary-ignore-reason']);
  });
});

describe('checkGlossary on cell meta strings', () => {
  it('reports a rejected term in ok=, fail=, reason= and title= at the fence line and the term column', () => {
    const fence =
      '```bash verify id=x ok="라벨이 맞습니다" fail="라벨이 다릅니다" needs=kind-node reason="노드 라벨이 필요합니다"\nkubectl get pods\n```\n';
    const text = `# 제목\n\n${fence}\n\`\`\`yaml title="apiserver 설정" not-k8s\na: 1\n\`\`\`\n`;
    const problems = check(text);
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [3, fence.indexOf('라벨') + 1],
      [3, fence.indexOf('라벨이 다릅') + 1],
      [3, fence.indexOf('노드 라벨') + 4],
      [7, '```yaml title="'.length + 1],
    ]);
    expect(problems[0]?.message).toContain('"레이블"');
  });

  it('reports an uncompared output reason, and leaves commands and ids alone', () => {
    const text =
      '```bash run id=apiserver-labels\nkubectl label pod x 라벨=1\n```\n\n```text output-of=apiserver-labels compare=none reason="라벨 값이 매번 다릅니다"\nx\n```\n';
    expect(check(text).map((p) => p.line)).toEqual([5]);
  });

  it('skips a quoted example inside a meta string, judged by the value itself', () => {
    const quoted = '```bash verify id=y ok="\'라벨\'이 아니라 레이블입니다" fail="라벨"\ntrue\n```\n';
    expect(check(quoted).map((p) => p.column)).toEqual([quoted.indexOf('fail="라벨') + 'fail="'.length + 1]);
  });
});
