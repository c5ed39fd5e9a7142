import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureProcessor } from '../fixture-processor';
import remarkRunnableCells from '../runnable-cells';
import remarkHighlightCode, { needsBrowserCodeBlock } from '.';

const siteDir = path.resolve(import.meta.dirname, '__fixtures__');
const process = fixtureProcessor(siteDir, [[remarkRunnableCells, { siteDir }], remarkHighlightCode]).sync;

describe('remarkHighlightCode', () => {
  const output = process('page.mdx');

  it('gives cells and static blocks their highlighted HTML', () => {
    expect(output).toMatchSnapshot();
  });

  it('highlights a runnable cell from its source, keeping the source for copy and run', () => {
    const cell = output.slice(output.indexOf('<RunnableCell'), output.indexOf('/>', output.indexOf('<RunnableCell')));
    expect(cell).toContain('source="kubectl get pods -n demo | grep -q Running"');
    expect(cell).toContain('<span class=&#x22;token function&#x22;>grep</span>');
  });

  it('turns a static block into <CodeSnippet> with its title kept in the metastring', () => {
    expect(output).toContain('metastring="not-k8s title=&#x22;kind-config.yaml&#x22;"');
    expect(output).toContain('html="&lt;plain&gt; &amp; text"');
  });

  it('leaves diagrams and line-highlighted blocks to the browser', () => {
    expect(output).toContain('```mermaid');
    expect(output).toContain('```bash {2}');
  });
});

describe('needsBrowserCodeBlock', () => {
  it('is true only for per-line features', () => {
    expect(needsBrowserCodeBlock('{1,3-4}', 'x')).toBe(true);
    expect(needsBrowserCodeBlock('showLineNumbers', 'x')).toBe(true);
    expect(needsBrowserCodeBlock(undefined, '# highlight-next-line\necho')).toBe(true);
    expect(needsBrowserCodeBlock('title="a.yaml"', 'kind: Pod')).toBe(false);
  });
});
