import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describeCharacter, parseCharsets, uncoveredCharacters, type CodePointRange } from './glyph-coverage';

/**
 * The fonts of the machine that draws the diagrams. Mermaid measures every label with them and
 * sizes the boxes to fit, so an SVG is only right for the fonts it was drawn with: without a Korean
 * font, Hangul is measured with fallback widths and the labels come out clipped. Chromium finds its
 * fonts through fontconfig on Linux, so fontconfig tells what it can draw.
 */
export interface FontInventory {
  /** Changes when a font is added, removed or updated: part of the diagram cache key. */
  fingerprint: string;
  /** Characters of `text` that no installed font can draw; empty when unknown (no fontconfig). */
  missingGlyphs(text: string): string[];
}

export class MissingGlyphsError extends Error {
  constructor(readonly characters: string[]) {
    super(
      `이 머신에는 다이어그램의 글자 ${characters.slice(0, 5).map(describeCharacter).join(', ')}${characters.length > 5 ? ` 외 ${characters.length - 5}개` : ''}를 ` +
        '그릴 글꼴이 없습니다. 이대로 그리면 글자가 네모로 나오고 상자 크기가 틀려 글자가 잘립니다. ' +
        '`bash scripts/setup-machine.sh`로 한국어·이모지 글꼴(fonts-noto-cjk, fonts-noto-color-emoji)을 설치한 뒤 다시 빌드하세요.',
    );
    this.name = 'MissingGlyphsError';
  }
}

function fcList(format: string): string | undefined {
  try {
    return execFileSync('fc-list', ['--format', format], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

export function readFontInventory(): FontInventory {
  const listing = fcList('%{file}|%{fontversion}|%{index}\n');
  const charsets = listing === undefined ? undefined : fcList('%{charset}\n');
  if (listing === undefined || charsets === undefined) {
    // No fontconfig (macOS, Windows): the platform's own fonts are used and cannot be listed here.
    return { fingerprint: 'no-fontconfig', missingGlyphs: () => [] };
  }
  const fingerprint = createHash('sha256')
    .update(listing.split('\n').filter(Boolean).sort().join('\n'))
    .digest('hex')
    .slice(0, 16);
  const ranges: CodePointRange[] = parseCharsets(charsets);
  return { fingerprint, missingGlyphs: (text) => uncoveredCharacters(text, ranges) };
}

let inventory: FontInventory | undefined;

/** Read once per build process: a build does not see fonts installed while it runs. */
export function machineFontInventory(): FontInventory {
  inventory ??= readFontInventory();
  return inventory;
}
