import { describe, expect, it } from 'vitest';
import { describeCharacter, parseCharsets, uncoveredCharacters } from './glyph-coverage';

describe('glyph coverage from fontconfig charsets', () => {
  it('merges the ranges of every font and finds what none covers', () => {
    // Two fonts: Latin only, and a Hangul font covering 가-힣.
    const ranges = parseCharsets('20-7e a0-ff\n20-7e ac00-d7a3\n');
    expect(ranges).toEqual([
      [0x20, 0x7e],
      [0xa0, 0xff],
      [0xac00, 0xd7a3],
    ]);
    expect(uncoveredCharacters('flowchart LR\n  a[파드] --> b[노드]', ranges)).toEqual([]);
    expect(uncoveredCharacters('A[🎯 목표] --> B[ハ]', ranges)).toEqual(['🎯', 'ハ']);
  });

  it('needs no glyph for variation selectors and joiners', () => {
    const ranges = parseCharsets('20-7e 1f6e0');
    expect(uncoveredCharacters('🛠️ ok\u200d', ranges)).toEqual([]);
  });

  it('names a character with its code point', () => {
    expect(describeCharacter('한')).toBe("'한' (U+D55C)");
    expect(describeCharacter('🎯')).toBe("'🎯' (U+1F3AF)");
  });
});
