import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';
import { createMDXLoaderRule } from '@docusaurus/mdx-loader';
import { courseRehypePlugins, courseRemarkPlugins } from '../remark';

/**
 * Notebooks (labs and challenges) live in notebooks/ so the notebook runner can run
 * them, and docs pages import them. Docusaurus's fallback loader for out-of-content
 * Markdown applies no custom remark plugins, so their cells would render as plain
 * code: this registers a loader for notebooks/ with the same remark plugins as docs.
 */
export default async function notebookMdxPlugin(context: LoadContext): Promise<Plugin> {
  const notebooksDir = path.join(context.siteDir, 'notebooks');
  const rule = await createMDXLoaderRule({
    include: [notebooksDir + path.sep],
    options: {
      useCrossCompilerCache: context.siteConfig.future.faster.mdxCrossCompilerCache,
      admonitions: true,
      siteDir: context.siteDir,
      staticDirs: context.siteConfig.staticDirectories.map((dir) => path.resolve(context.siteDir, dir)),
      isMDXPartial: () => true,
      isMDXPartialFrontMatterWarningDisabled: true,
      markdownConfig: context.siteConfig.markdown,
      beforeDefaultRemarkPlugins: courseRemarkPlugins(context.siteDir),
      rehypePlugins: courseRehypePlugins(),
    },
  });
  return {
    name: 'notebook-mdx',
    getPathsToWatch: () => [`${notebooksDir}/**/*.{md,mdx}`],
    configureWebpack: () => ({ module: { rules: [rule] } }),
  };
}
