import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/** The local search plugin's "no results" template, whose dev-server text is a fixed English warning. */
const EMPTY_TEMPLATE = /@easyops-cn[\\/]docusaurus-search-local[\\/]dist[\\/]client[\\/]client[\\/]theme[\\/]SearchBar[\\/]EmptyTemplate\.js$/;

/**
 * Under `npm start` the search index does not exist (the plugin builds it only in `docusaurus build`).
 * In development the plugin's template is swapped for one that says so in Korean, with the command
 * that gives a searchable site; production builds keep the plugin's own template.
 */
export default function devSearchNoticePlugin(context: LoadContext): Plugin {
  const replacement = path.join(context.siteDir, 'src', 'client', 'dev-search-empty.ts');
  return {
    name: 'dev-search-notice',
    configureWebpack: (config, _isServer, { currentBundler }) =>
      config.mode === 'development' ? { plugins: [new currentBundler.instance.NormalModuleReplacementPlugin(EMPTY_TEMPLATE, replacement)] } : {},
  };
}
