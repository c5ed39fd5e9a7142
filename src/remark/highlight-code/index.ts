import type { Code, Parent, Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { SKIP, visit } from 'unist-util-visit';
import { highlightToHtml, prismWithCourseLanguages, type PrismLike } from '../../highlight';
import { attr, attributeValue, jsxElement } from '../mdx-jsx';

/** The MDX element static code blocks become; rendered by src/components/CodeSnippet. */
export const SNIPPET_ELEMENT = 'CodeSnippet';
/** Written by remark-runnable-cells; this plugin gives it its highlighted HTML. */
const CELL_ELEMENT = 'RunnableCell';

/** Fences Docusaurus or another plugin renders (diagrams), never highlighted here. */
const NOT_CODE = new Set(['mermaid']);

/**
 * Line highlighting, line numbers and magic comments change the markup per line; blocks that use
 * them stay with Docusaurus's CodeBlock, which highlights in the browser.
 */
export function needsBrowserCodeBlock(meta: string | null | undefined, code: string): boolean {
  return /\{[\d,\s-]+\}|showLineNumbers/.test(meta ?? '') || /\bhighlight-(next-line|start|end)\b/.test(code);
}

function snippetElement(node: Code, prism: PrismLike) {
  return jsxElement(SNIPPET_ELEMENT, [
    ...attr('language', node.lang ?? undefined),
    ...attr('metastring', node.meta ?? undefined),
    ...attr('code', node.value),
    ...attr('html', highlightToHtml(prism, node.value, node.lang ?? undefined)),
  ]);
}

/**
 * Syntax highlighting at build time. Docusaurus's CodeBlock tokenizes every block with Prism in
 * the browser and then renders it a second time after hydration (to pick the colour mode), which
 * on a lab page with fifty cells kept a phone's main thread busy for over a second. Here each
 * block's tokens become HTML once, in the build; the page gets them as static markup that React
 * never has to walk, and colours come from CSS for both modes (src/plugins/code-theme-css).
 *
 * Runs after remark-runnable-cells: cells get an `html` attribute, the remaining code blocks
 * become `<CodeSnippet>`.
 */
export default function remarkHighlightCode() {
  const prism = prismWithCourseLanguages();
  return (tree: Root): void => {
    visit(tree, (node, index, parent: Parent | undefined) => {
      if (node.type === 'mdxJsxFlowElement' && (node as MdxJsxFlowElement).name === CELL_ELEMENT) {
        const element = node as MdxJsxFlowElement;
        const source = attributeValue(element, 'source') ?? '';
        if (!needsBrowserCodeBlock(attributeValue(element, 'displayMeta'), source)) {
          element.attributes.push(...attr('html', highlightToHtml(prism, source, attributeValue(element, 'language'))));
        }
        return SKIP;
      }
      if (node.type !== 'code' || !parent || index === undefined) return undefined;
      const code = node as Code;
      if (NOT_CODE.has(code.lang ?? '') || needsBrowserCodeBlock(code.meta, code.value)) return undefined;
      parent.children[index] = snippetElement(code, prism);
      return SKIP;
    });
  };
}
