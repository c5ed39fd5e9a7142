import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Elements that end the checkbox's line: a nested list or a second paragraph is not its label. */
const BLOCKS = new Set(['ul', 'ol', 'p', 'div', 'pre', 'table', 'blockquote', 'figure', 'details', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr']);

const isElement = (node: ElementContent | undefined, tagName: string): node is Element => node?.type === 'element' && node.tagName === tagName;

function isBlock(node: ElementContent): boolean {
  if (node.type === 'element') return BLOCKS.has(node.tagName);
  return (node as { type: string }).type === 'mdxJsxFlowElement';
}

function isTaskItem(node: Element): boolean {
  const className = node.properties.className;
  return node.tagName === 'li' && Array.isArray(className) && className.includes('task-list-item');
}

/**
 * GFM task lists (`- [ ] 항목`) become `<input type="checkbox" disabled>` followed by the item's
 * text, and nothing ties the two: screen readers announce an unnamed checkbox and axe reports
 * `label` (critical). This rehype plugin wraps the checkbox and the text of its line in a
 * `<label>`, so the item's words are the checkbox's name. Tight items hold the checkbox directly,
 * loose ones inside their first `<p>`; a nested list or later paragraph stays outside the label.
 */
export default function rehypeLabelTaskLists() {
  return (tree: Root): void => {
    visit(tree, 'element', (node: Element) => {
      if (!isTaskItem(node)) return;
      const firstElement = node.children.find((child) => child.type === 'element');
      const line = isElement(firstElement, 'p') ? firstElement : node;
      const start = line.children.findIndex((child) => isElement(child, 'input') && child.properties.type === 'checkbox');
      if (start < 0) return;
      let end = start + 1;
      while (end < line.children.length && !isBlock(line.children[end]!)) end++;
      const label: Element = { type: 'element', tagName: 'label', properties: {}, children: line.children.slice(start, end) };
      line.children.splice(start, end - start, label);
    });
  };
}
