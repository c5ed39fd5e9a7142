import type { Root } from 'mdast';
import { collectCells } from './collect';
import { tokenizeMeta } from './meta';
import { lineAndColumn, proseSpans } from './prose';
import type { Cell, CellProblem } from './types';

/** One row of the course's glossary (style/glossary.yaml). */
export interface GlossaryRule {
  /** The term the course uses. */
  preferred: string;
  /** Spellings the course does not use; each is reported with `preferred` as the fix. */
  rejected: string[];
  /** Where kubernetes.io/ko (or another authority) uses the preferred term. */
  reference: string;
}

/** `{/* glossary-ignore: 이유 *\/}` on a line turns the glossary off for that line, and only with a reason. */
const IGNORE = /\{\/\*\s*glossary-ignore\b:?([^*]*)\*\/\}/g;

const OPENING_QUOTES = new Set(['"', '“', '‘', "'", '「', '『']);
const CLOSING_QUOTES = new Set(['"', '”', '’', "'", '」', '』']);
/** An ASCII variant is a word: `apiserver` must not match inside `kube-apiserver` or `apiserver_request_total`. */
const WORD_CHAR = /[A-Za-z0-9_-]/;
const ASCII_ONLY = /^[\x20-\x7e]+$/;

interface Matcher {
  rule: GlossaryRule;
  variant: string;
  pattern: RegExp;
  ascii: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matchersOf(rules: readonly GlossaryRule[]): Matcher[] {
  return rules.flatMap((rule) =>
    rule.rejected.map((variant) => {
      const ascii = ASCII_ONLY.test(variant);
      return { rule, variant, ascii, pattern: new RegExp(escapeRegExp(variant), ascii ? 'gi' : 'g') };
    }),
  );
}

/** A quoted mention of the wrong term itself ("라벨"이 아니라 ...) is an example, not a use. */
function isQuotedExample(source: string, start: number, end: number): boolean {
  return OPENING_QUOTES.has(source[start - 1] ?? '') && CLOSING_QUOTES.has(source[end] ?? '');
}

function isInsideWord(source: string, start: number, end: number): boolean {
  return WORD_CHAR.test(source[start - 1] ?? '') || WORD_CHAR.test(source[end] ?? '');
}

/** Lines opted out with a reason, and problems for opt-outs without one (the Kind-gloss check honours the same lines). */
export function ignoredLines(source: string, file: string): { lines: Set<number>; problems: CellProblem[] } {
  const lines = new Set<number>();
  const problems: CellProblem[] = [];
  for (const match of source.matchAll(IGNORE)) {
    const { line, column } = lineAndColumn(source, match.index);
    const reason = (match[1] ?? '').trim();
    if (reason) {
      lines.add(line);
    } else {
      problems.push({
        code: 'glossary-ignore-reason',
        file,
        line,
        column,
        message: '용어집 예외 주석에 이유가 없습니다. {/* glossary-ignore: 이 줄에서 다른 표기를 써야 하는 이유 */}처럼 이유를 쓰세요.',
      });
    }
  }
  return { lines, problems };
}

/**
 * Reports every rejected spelling in a file's prose with the preferred term and its
 * source. Code (blocks and inline), URLs, quoted examples of the wrong term and lines
 * opted out with a reason are not prose uses and are not reported. Pure.
 */
/** A reader-facing string and the offset in the file where its text starts. */
interface TextAt {
  text: string;
  start: number;
  /**
   * Prose is judged by its neighbours in the file; a meta value only by its own text (its
   * quotes are the meta syntax's, not a quoted example).
   */
  inSource: boolean;
}

/**
 * The strings of a cell's meta that readers see: verify messages (ok=, fail=), the
 * reason of a needs= skip or of an uncompared output, and Docusaurus's title=. They come
 * from the cell parser (collectCells), never from a second reading of the fence.
 */
function metaStrings(cell: Cell): string[] {
  const strings: (string | undefined)[] = [];
  if (cell.kind === 'shell') strings.push(cell.okMessage, cell.failMessage);
  if ((cell.kind === 'shell' || cell.kind === 'manifest') && cell.needsReason) strings.push(cell.needsReason);
  if (cell.kind === 'output' && cell.compare.mode === 'none') strings.push(cell.compare.reason);
  for (const token of tokenizeMeta(cell.displayMeta).tokens) if (token.name === 'title') strings.push(token.value);
  return strings.filter((s): s is string => Boolean(s));
}

/** Offset of the start of the file's line `line` (1-based). */
function offsetOfLine(source: string, line: number): number {
  let offset = 0;
  for (let i = 1; i < line; i++) {
    const newline = source.indexOf('\n', offset);
    if (newline === -1) break;
    offset = newline + 1;
  }
  return offset;
}

/**
 * Where a value's text starts on its fence line: right after `="`, `='` or `=`. A value with an
 * escaped quote differs from the fence text; it is reported at the fence's start.
 */
function valueOffset(fence: string, value: string): number {
  for (const opening of ['="', "='", '=']) {
    const at = fence.indexOf(opening + value);
    if (at !== -1) return at + opening.length;
  }
  return 0;
}

/** Meta strings located on their fence line (the value's own text when it is written verbatim). */
function metaSpans(tree: Root, source: string, file: string): TextAt[] {
  const spans: TextAt[] = [];
  for (const { cell } of collectCells(tree, file).cells) {
    const lineStart = offsetOfLine(source, cell.line);
    const lineEnd = source.indexOf('\n', lineStart);
    const fence = source.slice(lineStart, lineEnd === -1 ? undefined : lineEnd);
    for (const text of metaStrings(cell)) {
      spans.push({ text, start: lineStart + valueOffset(fence, text), inSource: false });
    }
  }
  return spans;
}

/**
 * Reports every rejected spelling in a file's prose, and in its cells' reader-facing
 * meta strings (ok=, fail=, reason=, title=), with the preferred term and its source.
 * Code (blocks and inline), URLs, quoted examples of the wrong term and lines opted out
 * with a reason are not prose uses and are not reported. Pure.
 */
export function checkGlossary(tree: Root, source: string, file: string, rules: readonly GlossaryRule[]): CellProblem[] {
  const matchers = matchersOf(rules);
  const { lines: ignored, problems } = ignoredLines(source, file);
  const texts: TextAt[] = [
    ...proseSpans(tree, source).map((span) => ({ text: source.slice(span.start, span.end), start: span.start, inSource: true })),
    ...metaSpans(tree, source, file),
  ];
  for (const { text, start: base, inSource } of texts) {
    for (const matcher of matchers) {
      for (const match of text.matchAll(matcher.pattern)) {
        const from = match.index;
        const to = from + match[0].length;
        const [context, at] = inSource ? [source, base] : [text, 0];
        if (matcher.ascii && isInsideWord(context, at + from, at + to)) continue;
        if (isQuotedExample(context, at + from, at + to)) continue;
        const { line, column } = lineAndColumn(source, base + from);
        if (ignored.has(line)) continue;
        problems.push({
          code: 'glossary',
          file,
          line,
          column,
          message: `"${match[0]}" 대신 "${matcher.rule.preferred}"(으)로 쓰세요. 과정의 용어집(style/glossary.yaml)이 정한 표기이며 근거는 ${matcher.rule.reference} 입니다.`,
        });
      }
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}
