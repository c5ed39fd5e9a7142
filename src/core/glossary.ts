import type { Root } from 'mdast';
import { lineAndColumn, proseSpans } from './prose';
import type { CellProblem } from './types';

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

/** Lines opted out with a reason, and problems for opt-outs without one. */
function ignoredLines(source: string, file: string): { lines: Set<number>; problems: CellProblem[] } {
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
export function checkGlossary(tree: Root, source: string, file: string, rules: readonly GlossaryRule[]): CellProblem[] {
  const matchers = matchersOf(rules);
  const { lines: ignored, problems } = ignoredLines(source, file);
  for (const span of proseSpans(tree, source)) {
    const text = source.slice(span.start, span.end);
    for (const matcher of matchers) {
      for (const match of text.matchAll(matcher.pattern)) {
        const start = span.start + match.index;
        const end = start + match[0].length;
        if (matcher.ascii && isInsideWord(source, start, end)) continue;
        if (isQuotedExample(source, start, end)) continue;
        const { line, column } = lineAndColumn(source, start);
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
