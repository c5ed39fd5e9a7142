import type { LoadContext, Plugin } from '@docusaurus/types';
import { moduleReplacementPlugin } from './module-replacement';

/** mark.js as the search plugin's generated module imports it (`require.resolve("mark.js")`). */
const MARK_JS = /[\\/]mark\.js[\\/]dist[\\/]mark\.js$/;

/**
 * The search plugin's highlight of search terms (`highlightSearchTermsOnTargetPage`) goes through
 * src/client/lazy-mark.ts: no walk over the whole article on every page when nothing is
 * highlighted, and mark.js loaded only when there is a term to mark.
 */
export default function lazyMarkPlugin(context: LoadContext): Plugin {
  return moduleReplacementPlugin(context, 'lazy-mark', MARK_JS, 'lazy-mark.ts');
}
