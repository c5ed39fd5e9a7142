import type { LoadContext, Plugin } from '@docusaurus/types';
import { moduleReplacementPlugin } from './module-replacement';

/** The helper @docusaurus/core's `window.docusaurus.prefetch` adds the `<link rel=prefetch>` with. */
const PREFETCH_HELPER = /@docusaurus[\\/]core[\\/]lib[\\/]client[\\/]prefetch\.js$/;

/** Prefetches each route chunk once, and not the ones the page already has (src/client/prefetch-once.ts). */
export default function prefetchOncePlugin(context: LoadContext): Plugin {
  return moduleReplacementPlugin(context, 'prefetch-once', PREFETCH_HELPER, 'prefetch-once.ts');
}
