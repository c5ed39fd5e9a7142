/**
 * Tokenizer for a code fence's meta string (everything after the language).
 *
 * The grammar is tiny and fixed (`flag`, `key=value`, `key="quoted value"`, and
 * Docusaurus's `{1,3-5}` highlight ranges), so a character scanner is the honest
 * tool here: Markdown itself is parsed by remark, never by regexes.
 */

export interface MetaToken {
  /** `run`, `id`, `title`, or the raw `{...}` highlight range. */
  name: string;
  /** `undefined` for a bare flag. */
  value?: string;
}

export interface MetaParseResult {
  tokens: MetaToken[];
  /** Korean description of a syntax problem (e.g. an unclosed quote), if any. */
  error?: string;
}

const isSpace = (ch: string): boolean => ch === ' ' || ch === '\t';

export function tokenizeMeta(meta: string | null | undefined): MetaParseResult {
  const tokens: MetaToken[] = [];
  const text = meta ?? '';
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i]!)) {
      i += 1;
      continue;
    }
    if (text[i] === '{') {
      const end = text.indexOf('}', i);
      if (end === -1) return { tokens, error: `닫히지 않은 "{"가 있습니다: ${text.slice(i)}` };
      tokens.push({ name: text.slice(i, end + 1) });
      i = end + 1;
      continue;
    }
    let name = '';
    while (i < text.length && !isSpace(text[i]!) && text[i] !== '=') {
      name += text[i];
      i += 1;
    }
    if (text[i] !== '=') {
      tokens.push({ name });
      continue;
    }
    i += 1; // skip '='
    if (text[i] === '"' || text[i] === "'") {
      const quote = text[i]!;
      i += 1;
      let value = '';
      let closed = false;
      while (i < text.length) {
        const ch = text[i]!;
        if (ch === '\\' && (text[i + 1] === quote || text[i + 1] === '\\')) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        if (ch === quote) {
          closed = true;
          i += 1;
          break;
        }
        value += ch;
        i += 1;
      }
      if (!closed) return { tokens, error: `${name}= 값의 따옴표가 닫히지 않았습니다.` };
      tokens.push({ name, value });
      continue;
    }
    let value = '';
    while (i < text.length && !isSpace(text[i]!)) {
      value += text[i];
      i += 1;
    }
    tokens.push({ name, value });
  }
  return { tokens };
}
