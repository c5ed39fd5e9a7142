import { readFileSync } from 'node:fs';
import path from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified, type PluggableList } from 'unified';
import { VFile } from 'vfile';

/**
 * For the plugins' tests: parses a fixture as MDX (with front matter), runs `plugins` on it and
 * prints the result back as Markdown, which is what the snapshots hold.
 */
export function fixtureProcessor(fixturesDir: string, plugins: PluggableList) {
  const processor = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']).use(plugins).use(remarkStringify);
  const fileOf = (name: string): VFile => {
    const filePath = path.join(fixturesDir, name);
    return new VFile({ path: filePath, value: readFileSync(filePath, 'utf8') });
  };
  return {
    sync: (name: string): string => String(processor.processSync(fileOf(name))),
    async: async (name: string): Promise<string> => String(await processor.process(fileOf(name))),
  };
}
