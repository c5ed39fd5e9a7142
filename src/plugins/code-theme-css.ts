import type { LoadContext, Plugin } from '@docusaurus/types';
import type { PrismTheme } from 'prism-react-renderer';
import { prismThemeCss } from '../highlight/theme-css';
import { CODE_SCOPE_CLASS } from '../components/CodeSnippet/scope';

interface PrismConfig {
  theme?: PrismTheme;
  darkTheme?: PrismTheme;
}

/**
 * The colours of build-time highlighted code (src/remark/highlight-code), made from the Prism
 * themes in the site config, so they can't drift from what Docusaurus's own CodeBlock shows.
 * Inlined in every page's head: the rules are small and needed before first paint.
 */
export default function codeThemeCssPlugin(context: LoadContext): Plugin {
  const prism = (context.siteConfig.themeConfig as { prism?: PrismConfig }).prism ?? {};
  if (!prism.theme) throw new Error('code-theme-css: themeConfig.prism.theme가 없습니다. docusaurus.config.ts에 prism 테마를 지정하세요.');
  const css = prismThemeCss({ light: prism.theme, dark: prism.darkTheme }, `.${CODE_SCOPE_CLASS}`);
  return {
    name: 'code-theme-css',
    injectHtmlTags: () => ({ headTags: [{ tagName: 'style', attributes: { 'data-code-theme': '' }, innerHTML: css }] }),
  };
}
