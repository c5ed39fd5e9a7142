import type { RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';

/**
 * `name="value"` as a list to spread into an element's attributes, or nothing when the value is
 * absent or empty: every prop our components read is an optional string.
 */
export function attr(name: string, value: string | number | undefined): MdxJsxAttribute[] {
  return value === undefined || value === '' ? [] : [{ type: 'mdxJsxAttribute', name, value: String(value) }];
}

/** A string attribute written by an earlier plugin (expressions are not ours, so undefined). */
export function attributeValue(element: MdxJsxFlowElement, name: string): string | undefined {
  const found = element.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === name);
  return typeof found?.value === 'string' ? found.value : undefined;
}

/** A self-closing JSX element that takes the place of a Markdown block. */
export function jsxElement(name: string, attributes: MdxJsxAttribute[]): MdxJsxFlowElement & RootContent {
  return { type: 'mdxJsxFlowElement', name, attributes, children: [] };
}
