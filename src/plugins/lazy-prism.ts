import type { LoadContext, Plugin } from '@docusaurus/types';
import { moduleReplacementPlugin } from './module-replacement';

/** The theme's client module that loads Prism at start-up, whatever the page shows. */
const STARTUP_PRISM_MODULE = /@docusaurus[\\/]theme-classic[\\/]lib[\\/]prism-include-languages\.js$/;

/**
 * Keeps Prism out of the start-up bundle: the theme's start-up client module becomes an empty one,
 * and src/theme/CodeBlock loads Prism with its grammars when a code block first renders.
 */
export default function lazyPrismPlugin(context: LoadContext): Plugin {
  return moduleReplacementPlugin(context, 'lazy-prism', STARTUP_PRISM_MODULE, 'no-startup-prism.ts');
}
