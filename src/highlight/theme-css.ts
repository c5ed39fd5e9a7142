import type { PrismTheme } from 'prism-react-renderer';

export interface CodeThemes {
  light: PrismTheme;
  dark?: PrismTheme;
}

const cssProperty = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function declarations(style: object): string {
  return Object.entries(style)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${cssProperty(key)}:${String(value)}`)
    .join(';');
}

function rulesFor(theme: PrismTheme, root: string, scope: string): string[] {
  const { color, backgroundColor } = theme.plain;
  const rules = [`${root} ${scope}{--prism-color:${color ?? 'inherit'};--prism-background-color:${backgroundColor ?? 'transparent'}}`];
  for (const entry of theme.styles) {
    const body = declarations(entry.style);
    if (!body) continue;
    const scopes = entry.languages ? entry.languages.map((language) => `${scope}.language-${language}`) : [scope];
    const selectors = scopes.flatMap((s) => entry.types.map((type) => `${root} ${s} .token.${type}`));
    rules.push(`${selectors.join(',')}{${body}}`);
  }
  return rules;
}

/**
 * The Prism themes of the site config as CSS for build-time highlighted code inside `scope`.
 * Rules keep the theme's order, so for a token of several types the later theme entry wins, as in
 * prism-react-renderer (which merges them by the token's own type order; the two agree for the
 * themes this site uses, and differ at most in a nested token's colour).
 */
export function prismThemeCss(themes: CodeThemes, scope: string): string {
  return [
    ...rulesFor(themes.light, "[data-theme='light']", scope),
    ...(themes.dark ? rulesFor(themes.dark, "[data-theme='dark']", scope) : []),
  ].join('\n');
}
