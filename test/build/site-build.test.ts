import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const built = (page: string): string => readFileSync(path.join(root, 'build', page), 'utf8');

/** Checks the production build as a reader receives it (built by ./global-setup.ts). */
describe('production build', () => {

  it('renders a RunnableCell with its id, hash and expected output on a docs page', () => {
    const html = built('docs/connect-cluster.html');
    expect(html).toMatch(/data-cell-id="?connect-current-context/);
    expect(html).toMatch(/data-cell-hash="?[0-9a-f]{64}/);
    expect(html).toContain('예상 출력');
    expect(html).toContain('kind-k8s-course');
  });

  it('carries every diagram as SVG drawn at build time, in both colour modes', () => {
    for (const page of ['docs/connect-cluster.html', 'docs/day5/lab.html', 'docs/day1.html']) {
      const html = built(page);
      expect(html, page).not.toContain('data-mermaid-source');
      expect(html, page).not.toMatch(/```mermaid|<pre>(flowchart|sequenceDiagram)/);
      const diagrams = html.match(/data-diagram/g)?.length ?? 0;
      expect(diagrams, page).toBeGreaterThan(0);
      expect(html.match(/data-color-mode="?light"?[^>]*><svg/g)?.length, page).toBe(diagrams);
      expect(html.match(/data-color-mode="?dark"?[^>]*><svg/g)?.length, page).toBe(diagrams);
    }
    expect(built('docs/connect-cluster.html')).toContain('로컬 에이전트');
  });

  it('keeps the drawings out of the JavaScript: only the diagrams\' own chunks hold them', () => {
    // The SVGs are in the HTML, which hydration keeps; the route chunks only carry a loader
    // (src/diagrams/modules) that client-side navigation uses, so no first load downloads and
    // parses its drawings a second time as JavaScript strings.
    const jsDir = path.join(root, 'build', 'assets', 'js');
    const withSvg = readdirSync(jsDir).filter((file) => /<svg id=\\?"?mermaid-/.test(readFileSync(path.join(jsDir, file), 'utf8')));
    expect(withSvg.length).toBeGreaterThan(0);
    expect(withSvg.filter((file) => !file.startsWith('diagram-'))).toEqual([]);
    const html = built('docs/day1/s3-request-flow.html');
    expect(html).toMatch(/<svg id="?mermaid-/);
  });

  it('highlights code at build time, with the colours of both modes inlined once', () => {
    const html = built('docs/day2/lab.html');
    expect(html).toMatch(/<span class="?token [a-z -]+"?>/);
    expect(html.match(/<style data-code-theme/g)).toHaveLength(1);
    // The HTML minifier may drop the quotes and shorten colours; the rule stays.
    expect(html).toMatch(/\[data-theme='?dark'?\] \.course-code \.token\.keyword\{color:#c5a5c5\}/);
  });

  it('renders notebook cells on the lab pages that include them', () => {
    const html = built('docs/day1/lab.html');
    expect(html).toMatch(/data-cell-id="?d1-lab-/);
  });

  it('is in Korean with no template leftovers', () => {
    const home = built('index.html');
    expect(home).toMatch(/<html[^>]*lang="?ko-KR/);
    expect(home).toContain('Day 1');
    for (const leftover of ['Docusaurus Tutorial', 'dinosaur', 'docusaurus.svg', '/blog']) expect(home).not.toContain(leftover);
    expect(existsSync(path.join(root, 'build', 'blog'))).toBe(false);
  });

  it('ships the offline search index', () => {
    expect(existsSync(path.join(root, 'build', 'search-index.json')) || existsSync(path.join(root, 'build', 'search-index-ko.json'))).toBe(true);
  });
});
