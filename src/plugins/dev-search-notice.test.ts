import { createRequire } from 'node:module';
import path from 'node:path';
import type { LoadContext } from '@docusaurus/types';
import { describe, expect, it } from 'vitest';
import { DEV_SEARCH_NOTICE, EmptyTemplate } from '../client/dev-search-empty';
import devSearchNoticePlugin from './dev-search-notice';

const siteDir = path.resolve(import.meta.dirname, '../..');

/** A stand-in for the bundler's NormalModuleReplacementPlugin that records what it replaces. */
class Replacement {
  constructor(
    readonly pattern: RegExp,
    readonly target: string,
  ) {}
}
const bundler = { instance: { NormalModuleReplacementPlugin: Replacement } };

function configure(mode: 'development' | 'production'): Replacement[] {
  const plugin = devSearchNoticePlugin({ siteDir } as LoadContext);
  const result = plugin.configureWebpack!({ mode } as never, false, { currentBundler: bundler } as never, {} as never) as { plugins?: Replacement[] };
  return result.plugins ?? [];
}

describe('dev-search-notice', () => {
  it("replaces the search plugin's English dev warning with the Korean notice under npm start only", () => {
    const [replacement] = configure('development');
    // The path of the template as installed: the pattern must match the real file, or nothing is replaced.
    const template = createRequire(import.meta.url).resolve('@easyops-cn/docusaurus-search-local/dist/client/client/theme/SearchBar/EmptyTemplate.js');
    expect(replacement?.pattern.test(template)).toBe(true);
    expect(replacement?.target).toBe(path.join(siteDir, 'src', 'client', 'dev-search-empty.ts'));
    expect(configure('production')).toEqual([]);
  });

  it('says in Korean that the dev server has no index, with the command that gives one', () => {
    expect(EmptyTemplate()).toContain(DEV_SEARCH_NOTICE);
    expect(DEV_SEARCH_NOTICE).toContain('npm run build &amp;&amp; npm run serve');
    expect(EmptyTemplate()).not.toMatch(/search index is only available/);
  });
});
