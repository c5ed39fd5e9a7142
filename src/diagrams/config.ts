/**
 * Mermaid's theme per colour mode. The site config passes it to theme-mermaid (diagrams drawn in
 * the browser, the fallback) and the build-time renderer uses it for the static SVGs.
 */
export const MERMAID_THEMES = { light: 'neutral', dark: 'dark' } as const;

export type ColorMode = keyof typeof MERMAID_THEMES;
export const COLOR_MODES = Object.keys(MERMAID_THEMES) as ColorMode[];

/**
 * Changes to a theme's colours, per mode, for the build-time renderer. Mermaid's dark theme puts
 * edge labels (#ccc) on #585858, 4.43:1, under WCAG AA's 4.5:1 (axe `color-contrast`); #404040
 * gives 6.5:1 and still stands out from the #1b1b1d page.
 */
export const MERMAID_THEME_VARIABLES: Record<ColorMode, Readonly<Record<string, string>>> = {
  light: {},
  dark: { edgeLabelBackground: '#404040' },
};
