import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureProcessor } from '../fixture-processor';
import remarkRunnableCells from '.';

const siteDir = path.resolve(import.meta.dirname, '__fixtures__');
const process = fixtureProcessor(siteDir, [[remarkRunnableCells, { siteDir }]]).sync;

describe('remarkRunnableCells', () => {
  it('turns cells into <RunnableCell> and leaves static code alone', () => {
    expect(process('lab.mdx')).toMatchSnapshot();
  });

  it('attaches expected output to its cell and removes the text block', () => {
    const output = process('lab.mdx');
    expect(output).toContain('expectedOutput="NAME');
    expect(output).not.toContain('output-of=');
  });

  it('puts the lab controls at the top of a notebook, after its front matter', () => {
    const output = process('notebooks/demo.md');
    expect(output).toMatch(/^---\nnamespace: nb-demo\n---\n\n<NotebookToolbar \/>\n\n## 단계/);
    expect(process('lab.mdx')).not.toContain('NotebookToolbar');
  });

  it('fails the build with file:line on an author mistake', () => {
    expect(() => process('broken.md')).toThrowError(/broken\.md:5:1 \[unknown-flag\].*verfy/);
  });

  it('fails on an id that another file already uses', () => {
    process('lab.mdx');
    expect(() => process('duplicate-of-lab.md')).toThrowError(/"lab-get-nodes"가 lab\.mdx에도 있습니다/);
  });
});
