import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/** The helper @docusaurus/core's `window.docusaurus.prefetch` adds the `<link rel=prefetch>` with. */
const PREFETCH_HELPER = /@docusaurus[\\/]core[\\/]lib[\\/]client[\\/]prefetch\.js$/;

/** Prefetches each route chunk once, and not the ones the page already has (src/client/prefetch-once.ts). */
export default function prefetchOncePlugin(context: LoadContext): Plugin {
  const replacement = path.join(context.siteDir, 'src', 'client', 'prefetch-once.ts');
  return {
    name: 'prefetch-once',
    configureWebpack: (_config, _isServer, { currentBundler }) => ({
      plugins: [new currentBundler.instance.NormalModuleReplacementPlugin(PREFETCH_HELPER, replacement)],
    }),
  };
}
