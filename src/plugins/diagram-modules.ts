import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { CLIENT_SUBDIR, DIAGRAM_MODULE_PREFIX, diagramModuleDir } from '../diagrams/modules';

/**
 * Resolves the diagram modules the MDX imports (src/diagrams/modules): the SVGs for the server
 * build that writes the HTML, a loader for the browser bundle, so no drawing is in a route chunk.
 */
export default function diagramModulesPlugin(context: LoadContext): Plugin {
  const dir = diagramModuleDir(context.siteDir);
  return {
    name: 'diagram-modules',
    configureWebpack: (_config, isServer) => ({
      resolve: { alias: { [DIAGRAM_MODULE_PREFIX]: isServer ? dir : path.join(dir, CLIENT_SUBDIR) } },
    }),
  };
}
