import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

/** A stretch of reader-facing prose, as an offset into the file's own text. */
export interface ProseSpan {
  start: number;
  end: number;
}

/** Bare URLs inside prose (a link's target is not a text node, but an autolinked address is). */
const BARE_URL = /\b(?:https?|oci):\/\/[^\s<>)\]}"'`]+/g;

/**
 * The prose of a parsed Markdown/MDX file: its text nodes (headings, paragraphs,
 * list items, table cells, link text, JSX children) and the front matter. Code
 * blocks, inline code, link targets, JSX attributes and MDX expressions are not
 * text nodes, so they are never part of a span; bare URLs are cut out.
 */
export function proseSpans(tree: Root, source: string): ProseSpan[] {
  const spans: ProseSpan[] = [];
  const add = (start: number, end: number): void => {
    const text = source.slice(start, end);
    let from = 0;
    for (const url of text.matchAll(BARE_URL)) {
      if (url.index > from) spans.push({ start: start + from, end: start + url.index });
      from = url.index + url[0].length;
    }
    if (from < text.length) spans.push({ start: start + from, end });
  };
  visit(tree, (node) => {
    if (node.type !== 'text' && node.type !== 'yaml') return;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start !== undefined && end !== undefined) add(start, end);
  });
  return spans.sort((a, b) => a.start - b.start);
}

/** 1-based line and column of an offset. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
