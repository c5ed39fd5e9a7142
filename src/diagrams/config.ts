/**
 * Mermaid's theme per colour mode. The site config passes it to theme-mermaid (diagrams drawn in
 * the browser, the fallback) and the build-time renderer uses it for the static SVGs.
 */
export const MERMAID_THEMES = { light: 'neutral', dark: 'dark' } as const;

export type ColorMode = keyof typeof MERMAID_THEMES;
export const COLOR_MODES = Object.keys(MERMAID_THEMES) as ColorMode[];
