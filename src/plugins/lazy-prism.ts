import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/** The theme's client module that loads Prism at start-up, whatever the page shows. */
const STARTUP_PRISM_MODULE = /@docusaurus[\\/]theme-classic[\\/]lib[\\/]prism-include-languages\.js$/;

/**
 * Keeps Prism out of the start-up bundle: the theme's start-up client module becomes an empty one,
 * and src/theme/CodeBlock loads Prism with its grammars when a code block first renders.
 */
export default function lazyPrismPlugin(context: LoadContext): Plugin {
  const replacement = path.join(context.siteDir, 'src', 'client', 'no-startup-prism.ts');
  return {
    name: 'lazy-prism',
    configureWebpack: (_config, _isServer, { currentBundler }) => ({
      plugins: [new currentBundler.instance.NormalModuleReplacementPlugin(STARTUP_PRISM_MODULE, replacement)],
    }),
  };
}
