import { COLOR_MODES, MERMAID_THEMES, MERMAID_THEME_VARIABLES, type ColorMode } from './config';
import { DiagramCache, defaultCacheDir } from './cache';
import { launchChromiumRenderer, mermaidVersion, type MermaidRenderer } from './browser-renderer';
import { diagramId } from './svg-id';
import { MissingGlyphsError, machineFontInventory, type FontInventory } from './fonts';

export type PrerenderedDiagram = Record<ColorMode, string>;

export interface DiagramPrerenderer {
  /** Both colour modes of one diagram as SVG; rejects with mermaid's message on a bad diagram. */
  prerender(source: string): Promise<PrerenderedDiagram>;
  close(): Promise<void>;
}

export interface PrerendererOptions {
  launch?: () => Promise<MermaidRenderer>;
  cache?: DiagramCache;
  /** The renderer's mermaid version, part of the cache key. */
  version?: string;
  /** Close the browser after this long without a render, so a finished build can exit. */
  idleCloseMs?: number;
  /** The fonts the diagrams are measured with: checked for every glyph, and part of the cache key. */
  fonts?: FontInventory;
}

export function createDiagramPrerenderer(options: PrerendererOptions = {}): DiagramPrerenderer {
  const launch = options.launch ?? launchChromiumRenderer;
  const cache = options.cache ?? new DiagramCache(defaultCacheDir());
  const version = options.version ?? mermaidVersion();
  const idleCloseMs = options.idleCloseMs ?? 3_000;
  const fonts = options.fonts ?? machineFontInventory();
  let renderer: Promise<MermaidRenderer> | undefined;
  let pending = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  const close = async (): Promise<void> => {
    clearTimeout(idleTimer);
    const current = renderer;
    renderer = undefined;
    if (current) await (await current.catch(() => undefined))?.close();
  };

  const renderOne = async (source: string, mode: ColorMode): Promise<string> => {
    const id = diagramId(source, mode);
    const theme = MERMAID_THEMES[mode];
    const themeVariables = MERMAID_THEME_VARIABLES[mode];
    const key = cache.key([version, theme, JSON.stringify(themeVariables), fonts.fingerprint, id, source]);
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    renderer ??= launch();
    const svg = await (await renderer).render({ id, source, theme, themeVariables });
    cache.set(key, svg);
    return svg;
  };

  return {
    async prerender(source) {
      // Refuse before the cache, too: an SVG drawn on a machine with the fonts is still wrong for
      // a reader of this build's screenshots and tests, and a clipped one must never be cached.
      const missing = fonts.missingGlyphs(source);
      if (missing.length > 0) throw new MissingGlyphsError(missing);
      pending += 1;
      clearTimeout(idleTimer);
      try {
        const entries = await Promise.all(COLOR_MODES.map(async (mode) => [mode, await renderOne(source, mode)] as const));
        return Object.fromEntries(entries) as PrerenderedDiagram;
      } finally {
        pending -= 1;
        if (pending === 0 && renderer) {
          idleTimer = setTimeout(() => void close(), idleCloseMs);
          idleTimer.unref();
        }
      }
    },
    close,
  };
}

let shared: DiagramPrerenderer | undefined;

/** One prerenderer per build process: every MDX compilation shares its browser and cache. */
export function sharedDiagramPrerenderer(): DiagramPrerenderer {
  shared ??= createDiagramPrerenderer();
  return shared;
}
