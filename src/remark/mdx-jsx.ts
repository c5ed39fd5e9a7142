import type { RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { MdxjsEsm } from 'mdast-util-mdxjs-esm';

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

/**
 * `import name from 'specifier'` as an MDX ESM node. MDX compiles ESM from its ESTree, so the
 * node carries the Program as well as the text.
 */
export function defaultImport(name: string, specifier: string): MdxjsEsm & RootContent {
  return {
    type: 'mdxjsEsm',
    value: `import ${name} from ${JSON.stringify(specifier)};`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name } }],
            source: { type: 'Literal', value: specifier, raw: JSON.stringify(specifier) },
            attributes: [],
          },
        ],
      },
    },
  } as MdxjsEsm & RootContent;
}

/** `name={identifier}`: an attribute whose value is a variable of the page (e.g. an import). */
export function identifierAttr(name: string, identifier: string): MdxJsxAttribute {
  return {
    type: 'mdxJsxAttribute',
    name,
    value: {
      type: 'mdxJsxAttributeValueExpression',
      value: identifier,
      data: { estree: { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression: { type: 'Identifier', name: identifier } }] } },
    },
  } as MdxJsxAttribute;
}
