import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/**
 * A plugin that swaps a module of a dependency for one of ours (under src/client) wherever the bundler
 * resolves it: how the site changes what Docusaurus and its plugins do at load without patching node_modules.
 */
export function moduleReplacementPlugin(context: LoadContext, name: string, original: RegExp, replacement: string): Plugin {
  const file = path.join(context.siteDir, 'src', 'client', replacement);
  return {
    name,
    configureWebpack: (_config, _isServer, { currentBundler }) => ({
      plugins: [new currentBundler.instance.NormalModuleReplacementPlugin(original, file)],
    }),
  };
}
