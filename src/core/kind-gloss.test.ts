import { describe, expect, it } from 'vitest';
import { checkKindGlosses, type KindGloss } from './kind-gloss';
import { parseMarkdownTree } from './parse';

const kinds: KindGloss[] = [
  { kind: 'Deployment', korean: '디플로이먼트' },
  { kind: 'Job', korean: '잡' },
  { kind: 'Service', korean: '서비스' },
  { kind: 'Node', korean: '노드' },
  { kind: 'ServiceAccount', korean: '서비스어카운트' },
];

const check = (text: string) => checkKindGlosses(parseMarkdownTree(text), text, 'docs/x.mdx', kinds);

describe('checkKindGlosses', () => {
  it('reports the first English use of a Kind on a page that never glosses it, at its line and column', () => {
    const text = '# 제목\n\n먼저 파드를 봅니다.\n\n이어서 Deployment를 만들고 다시 Deployment를 고칩니다.\n';
    const problems = check(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ code: 'kind-gloss', file: 'docs/x.mdx', line: 5, column: 5 });
    expect(problems[0]?.message).toContain('"디플로이먼트(Deployment)"');
  });

  it('accepts one gloss anywhere on the page, also with an abbreviation after a comma', () => {
    expect(check('디플로이먼트(Deployment)를 만든 뒤 Deployment를 봅니다.\n')).toEqual([]);
    expect(check('Deployment를 봅니다. 디플로이먼트(Deployment, deploy)는 ...\n')).toEqual([]);
    expect(check('서비스어카운트(ServiceAccount)와 서비스 어카운트\n')).toEqual([]);
  });

  it('does not count longer names, English phrases, code, headings, links or checklist items', () => {
    const text = [
      '## Deployment 다루기',
      '',
      'CronJob과 Jobs, kube-Job, Node.js, Service Mesh, Service Account는 Kind가 아닙니다. `Deployment`도 코드입니다.',
      '',
      '[Deployment 문서](https://example.com)를 보세요.',
      '',
      '- [ ] Deployment 배포 가능',
      '',
      '```yaml',
      'kind: Deployment',
      '```',
      '',
    ].join('\n');
    expect(check(text)).toEqual([]);
  });

  it('counts a Kind followed by Korean, punctuation or the end of bold text', () => {
    expect(check('**Service**와 Node, 그리고 Job.\n').map((p) => p.message.match(/"(.+?)\(/)?.[1])).toEqual(['서비스', '노드', '잡']);
  });

  it('leaves English names, other glosses, nested and doubled parentheses alone', () => {
    expect(check('스태틱 파드(Static Node)와 Envoy Service, 그리고 Redis (Deployment)\n')).toEqual([]);
    expect(check('서비스 어카운트(ServiceAccount)는 Service와 다릅니다. 서비스(Service)\n')).toEqual([]);
    expect(check('잡 실행기(Job, S2)를 봅니다. 나중에 Job을 다시 봅니다.\n')).toEqual([]);
    const doubled = check('Deployment(S2)를 만들고, Deployment를 고칩니다.\n');
    expect(doubled.map((p) => p.column)).toEqual(['Deployment(S2)를 만들고, '.length + 1]);
  });

  it('skips quotations and lines opted out of the glossary with a reason', () => {
    expect(check('계획서의 "Deployment: 3개"는 ...\n')).toEqual([]);
    expect(check('| Deployment: 3개 {/* glossary-ignore: 계획서 원문 */} | 설명 |\n')).toEqual([]);
    expect(check('| Deployment: 3개 | 설명 |\n')).toHaveLength(1);
  });
});
