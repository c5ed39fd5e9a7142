import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiagramCache } from './cache';
import { MissingGlyphsError, type FontInventory } from './fonts';
import type { MermaidRenderer } from './browser-renderer';
import { createDiagramPrerenderer } from './prerender';

function countingRenderer(): { launch: () => Promise<MermaidRenderer>; renders: string[] } {
  const renders: string[] = [];
  const renderer: MermaidRenderer = {
    version: 'test',
    render: async ({ id }) => {
      renders.push(id);
      return `<svg id="${id}"></svg>`;
    },
    close: async () => undefined,
  };
  return { launch: async () => renderer, renders };
}

const fonts = (fingerprint: string, missing: string[] = []): FontInventory => ({ fingerprint, missingGlyphs: () => missing });

describe('diagram prerenderer and the machine fonts', () => {
  it('draws again when the fonts change, since the boxes are sized with them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'diagram-cache-'));
    const { launch, renders } = countingRenderer();
    const make = (fingerprint: string) =>
      createDiagramPrerenderer({ launch, cache: new DiagramCache(dir), version: 'v', fonts: fonts(fingerprint), idleCloseMs: 1 });
    await make('fonts-a').prerender('flowchart LR\n  a[파드] --> b');
    await make('fonts-a').prerender('flowchart LR\n  a[파드] --> b');
    expect(renders).toHaveLength(2); // light and dark, once
    await make('fonts-b').prerender('flowchart LR\n  a[파드] --> b');
    expect(renders).toHaveLength(4);
  });

  it('refuses to draw or cache a diagram whose glyphs no font has', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'diagram-cache-'));
    const { launch, renders } = countingRenderer();
    const prerenderer = createDiagramPrerenderer({ launch, cache: new DiagramCache(dir), version: 'v', fonts: fonts('none', ['파', '드']), idleCloseMs: 1 });
    const attempt = prerenderer.prerender('flowchart LR\n  a[파드] --> b');
    await expect(attempt).rejects.toBeInstanceOf(MissingGlyphsError);
    await expect(attempt).rejects.toThrow(/'파' \(U\+D30C\).*fonts-noto-cjk/s);
    expect(renders).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
  });
});
