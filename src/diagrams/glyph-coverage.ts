/**
 * Which characters a set of fonts can draw, from fontconfig's charset notation ("20-7e a0-1a9 ...",
 * hexadecimal code points and ranges). Pure: the fontconfig call lives in ./fonts.ts.
 */
export type CodePointRange = readonly [number, number];

export function parseCharsets(lines: string): CodePointRange[] {
  const ranges: CodePointRange[] = [];
  for (const token of lines.split(/\s+/)) {
    if (!token) continue;
    const [from, to = from] = token.split('-');
    const start = Number.parseInt(from!, 16);
    const end = Number.parseInt(to!, 16);
    if (Number.isFinite(start) && Number.isFinite(end)) ranges.push([start, end]);
  }
  return mergeRanges(ranges);
}

function mergeRanges(ranges: CodePointRange[]): CodePointRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function covered(ranges: readonly CodePointRange[], codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const [start, end] = ranges[mid]!;
    if (codePoint < start) high = mid - 1;
    else if (codePoint > end) low = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Code points that no font draws a glyph for but that take no glyph of their own: controls and
 * whitespace, zero-width joiners and variation selectors (the U+FE0F in "🛠️").
 */
function needsNoGlyph(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    codePoint === 0x7f ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

/** The distinct characters of `text` that none of the fonts covers, in order of appearance. */
export function uncoveredCharacters(text: string, ranges: readonly CodePointRange[]): string[] {
  const missing = new Set<string>();
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (needsNoGlyph(codePoint) || covered(ranges, codePoint)) continue;
    missing.add(character);
  }
  return [...missing];
}

export function describeCharacter(character: string): string {
  return `'${character}' (U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;
}
