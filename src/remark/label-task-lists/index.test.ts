import { compile } from '@mdx-js/mdx';
import type { Element, Root, RootContent } from 'hast';
import remarkGfm from 'remark-gfm';
import { describe, expect, it } from 'vitest';
import rehypeLabelTaskLists from '.';

/** Compiles MDX the way the site does for task lists (GFM on) and returns the HTML tree it builds. */
async function tree(source: string, withPlugin = true): Promise<Root> {
  let captured: Root | undefined;
  const capture = () => (root: Root) => void (captured = structuredClone(root));
  await compile(source, { remarkPlugins: [remarkGfm], rehypePlugins: withPlugin ? [rehypeLabelTaskLists, capture] : [capture] });
  return captured!;
}

const text = (node: RootContent | Root): string =>
  node.type === 'text' ? node.value : 'children' in node ? (node.children as RootContent[]).map(text).join('') : '';

/** Each checkbox with its enclosing label's text and the label's parent tag (undefined: no label). */
function checkboxes(root: Root): Array<{ name?: string; labelIn?: string; labelHas?: string[] }> {
  const found: Array<{ name?: string; labelIn?: string; labelHas?: string[] }> = [];
  const walk = (node: Root | Element, ancestors: Array<Root | Element>): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (child.tagName === 'input' && child.properties.type === 'checkbox') {
        const chain = ancestors.concat(node);
        let at = chain.length - 1;
        while (at >= 0 && !(chain[at]!.type === 'element' && (chain[at] as Element).tagName === 'label')) at--;
        const label = chain[at] as Element | undefined;
        const parent = chain[at - 1];
        found.push(
          label
            ? { name: text(label).trim(), labelIn: parent?.type === 'element' ? parent.tagName : 'root', labelHas: label.children.flatMap((c) => (c.type === 'element' ? [c.tagName] : [])) }
            : {},
        );
      }
      walk(child, ancestors.concat(node));
    }
  };
  walk(root, []);
  return found;
}

describe('rehypeLabelTaskLists', () => {
  it('names every checkbox of a tight task list by its item, links and emphasis included', async () => {
    const source = '- [ ] **클러스터 구축** (10점)\n- [x] [RBAC](./rbac.mdx) 적용\n';
    expect(checkboxes(await tree(source, false))).toEqual([{}, {}]);
    expect(checkboxes(await tree(source))).toEqual([
      { name: '클러스터 구축 (10점)', labelIn: 'li', labelHas: ['input', 'strong'] },
      { name: 'RBAC 적용', labelIn: 'li', labelHas: ['input', 'a'] },
    ]);
  });

  it('in a loose item, labels the first paragraph only and leaves later paragraphs and nested lists outside', async () => {
    const found = checkboxes(await tree('- [ ] 첫 항목\n\n  설명 문단\n\n- [ ] 둘째 항목\n  - 하위 항목\n'));
    expect(found).toEqual([
      { name: '첫 항목', labelIn: 'p', labelHas: ['input'] },
      { name: '둘째 항목', labelIn: 'p', labelHas: ['input'] },
    ]);
  });

  it('in a tight item, stops the label before a nested list', async () => {
    expect(checkboxes(await tree('- [ ] 위 항목\n  - 아래 항목\n'))).toEqual([{ name: '위 항목', labelIn: 'li', labelHas: ['input'] }]);
  });

  it('leaves ordinary lists alone', async () => {
    expect(JSON.stringify(await tree('- 그냥 항목\n'))).not.toContain('"label"');
  });
});
