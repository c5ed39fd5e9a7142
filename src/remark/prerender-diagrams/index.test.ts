import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingGlyphsError, type DiagramPrerenderer } from '../../diagrams';
import { fixtureProcessor } from '../fixture-processor';
import remarkPrerenderDiagrams from '.';

const fixtures = path.resolve(import.meta.dirname, '__fixtures__');

let moduleDir = '';
const run = (prerenderer: DiagramPrerenderer, enabled = true): Promise<string> => {
  moduleDir = mkdtempSync(path.join(tmpdir(), 'diagram-modules-'));
  return fixtureProcessor(fixtures, [[remarkPrerenderDiagrams, { prerenderer, enabled, moduleDir }]]).async('page.md');
};

const fake = (fail?: string): DiagramPrerenderer & { seen: string[] } => {
  const seen: string[] = [];
  return {
    seen,
    async prerender(source) {
      seen.push(source);
      if (fail && source.includes(fail)) throw new Error('Parse error on line 2:\nExpecting ... got ...');
      return { light: `<svg data-mode="light">${source.length}</svg>`, dark: `<svg data-mode="dark">${source.length}</svg>` };
    },
    close: async () => undefined,
  };
};

describe('remarkPrerenderDiagrams', () => {
  it('replaces every mermaid fence with both drawings and keeps other code', async () => {
    const prerenderer = fake();
    const output = await run(prerenderer);
    expect(prerenderer.seen).toEqual(['flowchart LR\n  a --> b', 'sequenceDiagram\n  A->>B: 안녕']);
    expect(output).not.toContain('```mermaid');
    expect(output.match(/<MermaidDiagram\b/g)).toHaveLength(2);
    expect(output).toContain('```bash\necho 그대로\n```');
  });

  it('keeps the drawings out of the page: each is a module the page imports', async () => {
    const output = await run(fake());
    // Not a string prop any more (that put every SVG into the route's JS chunk as well as the HTML).
    expect(output).not.toContain('<svg');
    const imports = [...output.matchAll(/^import (__courseDiagram\d+) from "@k8s-course\/diagram\/(\w+)";$/gm)];
    expect(imports).toHaveLength(2);
    for (const [, name] of imports) expect(output).toContain(`svgs={${name}}`);
    // The server's module holds the SVGs; the browser's only a loader of that module's chunk.
    const [, , key] = imports[0]!;
    expect(readFileSync(path.join(moduleDir, `${key}.js`), 'utf8')).toContain('<svg data-mode=\\"light\\">22</svg>');
    const loader = readFileSync(path.join(moduleDir, 'client', `${key}.js`), 'utf8');
    expect(loader).not.toContain('<svg');
    expect(loader).toContain(`import(/* webpackChunkName: "diagram-${key}" */ '../${key}.js')`);
    expect(readdirSync(path.join(moduleDir, 'client'))).toHaveLength(2);
  });

  it('leaves diagrams to the browser when it cannot draw them', async () => {
    const prerenderer = fake();
    const output = await run(prerenderer, false);
    expect(prerenderer.seen).toEqual([]);
    expect(output.match(/```mermaid/g)).toHaveLength(2);
  });

  it("fails the build at the diagram's line with mermaid's reason", async () => {
    await expect(run(fake('sequenceDiagram'))).rejects.toThrowError(/page\.md:12:1.*mermaid 다이어그램을 그리지 못했습니다: Parse error on line 2/s);
  });

  it('fails the build at the diagram when the machine has no font for its labels', async () => {
    const prerenderer: DiagramPrerenderer = {
      prerender: async (source) => {
        if (source.includes('안녕')) throw new MissingGlyphsError(['안', '녕']);
        return { light: '<svg></svg>', dark: '<svg></svg>' };
      },
      close: async () => undefined,
    };
    await expect(run(prerenderer)).rejects.toThrowError(/page\.md:12:1 이 머신에는 다이어그램의 글자 '안' \(U\+C548\).*setup-machine\.sh/s);
  });
});
