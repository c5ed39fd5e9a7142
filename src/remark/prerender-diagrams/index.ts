import path from 'node:path';
import type { Code, Parent, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { MissingGlyphsError, chromiumAvailable, diagramModuleDir, sharedDiagramPrerenderer, writeDiagramModule, type DiagramPrerenderer } from '../../diagrams';
import { attr, defaultImport, identifierAttr, jsxElement } from '../mdx-jsx';

/** The MDX element a prerendered diagram becomes; rendered by src/components/MermaidDiagram. */
export const DIAGRAM_ELEMENT = 'MermaidDiagram';

export interface PrerenderDiagramsOptions {
  /** Defaults to the shared Chromium prerenderer; tests pass their own. */
  prerenderer?: DiagramPrerenderer;
  /**
   * Whether diagrams can be drawn here. Without Chromium they stay mermaid code and theme-mermaid
   * draws them in the browser, as before; K8S_COURSE_DIAGRAMS=browser asks for that on purpose.
   */
  enabled?: boolean;
  /** Where the diagram modules go (default: under siteDir, see src/diagrams/modules). */
  moduleDir?: string;
  siteDir?: string;
}

let warnedNoChromium = false;

function prerenderingEnabled(): boolean {
  if (process.env.K8S_COURSE_DIAGRAMS === 'browser') return false;
  if (chromiumAvailable()) return true;
  if (!warnedNoChromium) {
    warnedNoChromium = true;
    console.warn(
      '[diagrams] Chromium이 없어 mermaid 다이어그램을 빌드 때 그리지 못합니다. 브라우저에서 그리도록 둡니다 (페이지가 느려집니다). ' +
        'scripts/setup-machine.sh로 chromium을 설치하거나 CHROME_PATH를 지정하세요.',
    );
  }
  return false;
}

/**
 * Draws mermaid diagrams at build time, in Chromium, in both colour modes. Pages then carry the
 * SVGs in their HTML: no mermaid bundle (over 600 KB gzipped) is downloaded or run, nothing moves
 * when a diagram appears, and readers without JavaScript see the diagram instead of its source.
 * A diagram mermaid can't parse fails the build at its line.
 */
export default function remarkPrerenderDiagrams(options: PrerenderDiagramsOptions = {}) {
  return async (tree: Root, file: VFile): Promise<void> => {
    const found: Array<{ node: Code; parent: Parent; index: number }> = [];
    visit(tree, 'code', (node: Code, index, parent: Parent | undefined) => {
      if (node.lang === 'mermaid' && parent && index !== undefined) found.push({ node, parent, index });
    });
    if (found.length === 0) return;
    if (!(options.enabled ?? prerenderingEnabled())) return;
    const prerenderer = options.prerenderer ?? sharedDiagramPrerenderer();
    const rendered = await Promise.all(
      found.map(async ({ node }) => {
        try {
          return await prerenderer.prerender(node.value);
        } catch (error) {
          const where = `${path.relative(process.cwd(), file.path || 'unknown.md')}:${node.position?.start.line ?? 0}:1`;
          if (error instanceof MissingGlyphsError) return file.fail(`${where} ${error.message}`, node);
          const reason = error instanceof Error ? error.message.split('\n').slice(0, 4).join(' ') : String(error);
          return file.fail(`${where} mermaid 다이어그램을 그리지 못했습니다: ${reason}\n다이어그램 문법을 고치세요 (https://mermaid.js.org).`, node);
        }
      }),
    );
    // The SVGs go to a module per diagram, imported by the page; the element only names it, so the
    // drawings are in the HTML but not in the route's JavaScript (src/diagrams/modules).
    const moduleDir = options.moduleDir ?? diagramModuleDir(options.siteDir ?? process.cwd());
    const imports = new Map<string, string>();
    found.forEach(({ node, parent, index }, i) => {
      const specifier = writeDiagramModule(moduleDir, rendered[i]!);
      let name = imports.get(specifier);
      if (!name) {
        name = `__courseDiagram${imports.size}`;
        imports.set(specifier, name);
      }
      parent.children[index] = jsxElement(DIAGRAM_ELEMENT, [...attr('source', node.value), identifierAttr('svgs', name)]);
    });
    for (const [specifier, name] of imports) tree.children.push(defaultImport(name, specifier));
  };
}
