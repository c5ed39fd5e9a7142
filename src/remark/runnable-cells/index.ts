import path from 'node:path';
import type { Code, Parent, Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { visit, SKIP } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { collectCells, formatProblem, type Cell, type CellProblem, type CollectedCell } from '../../core';
import { attr, jsxElement } from '../mdx-jsx';

export interface RunnableCellsOptions {
  /** Repository root; cell files and ids are relative to it. */
  siteDir: string;
}

/** The MDX element every runnable or manifest cell becomes; rendered by src/components/RunnableCell. */
export const ELEMENT_NAME = 'RunnableCell';

/** Space-separated words the component turns into badges and buttons. */
function flagsOf(cell: Cell): string {
  if (cell.kind !== 'shell' && cell.kind !== 'manifest') return '';
  const flags: string[] = [];
  if (cell.kind === 'manifest' && cell.cleanup) flags.push('cleanup');
  if (cell.challengePart) flags.push(cell.challengePart);
  if (cell.kind === 'manifest' && cell.expectInvalid) flags.push('expect-invalid');
  return flags.join(' ');
}

function objectsOf(cell: Cell): string | undefined {
  if (cell.kind !== 'manifest') return undefined;
  return cell.documents.map((d) => `${d.kind}/${d.name ?? '(이름 없음)'}`).join(', ');
}

export function cellElement(cell: Cell, expectedOutput: string | undefined, inNotebook = false): MdxJsxFlowElement {
  const shell = cell.kind === 'shell' ? cell : undefined;
  const runnable = cell.kind === 'shell' || cell.kind === 'manifest' ? cell : undefined;
  return jsxElement(ELEMENT_NAME, [
      ...attr('id', cell.id),
      ...attr('hash', cell.hash),
      ...attr('language', cell.lang),
      ...attr('kind', cell.kind),
      ...attr('role', shell?.role),
      ...attr('flags', flagsOf(cell)),
      ...attr('source', cell.source),
      ...attr('displayMeta', cell.displayMeta),
      ...attr('okMessage', shell?.okMessage),
      ...attr('failMessage', shell?.failMessage),
      ...attr('timeoutSeconds', runnable?.timeoutSeconds),
      ...attr('namespace', runnable?.namespace),
      ...attr('scenario', runnable?.scenario),
      ...attr('needs', runnable?.needs?.join(',')),
      ...attr('needsReason', runnable?.needsReason),
      ...attr('expectInvalid', cell.kind === 'manifest' ? cell.expectInvalid : undefined),
      ...attr('objects', objectsOf(cell)),
      ...attr('expectedOutput', expectedOutput),
      ...attr('inNotebook', inNotebook ? 'true' : undefined),
  ]);
}


/**
 * Ids must be unique across the whole site, but remark sees one file at a time.
 * This map lives for the build process; a file compiled twice (client and server
 * bundles, or a rebuild while editing) only replaces its own entries.
 */
const idOwners = new Map<string, string>();

function crossFileDuplicates(file: string, cells: CollectedCell[]): CellProblem[] {
  const problems: CellProblem[] = [];
  for (const [id, owner] of idOwners) if (owner === file) idOwners.delete(id);
  for (const { cell } of cells) {
    const owner = idOwners.get(cell.id);
    if (owner && owner !== file) {
      problems.push({
        code: 'duplicate-id',
        file,
        line: cell.line,
        column: 1,
        message: `셀 id "${cell.id}"가 ${owner}에도 있습니다. id는 저장소 전체에서 유일해야 합니다.`,
      });
    }
    idOwners.set(cell.id, file);
  }
  return problems;
}

/**
 * Turns runnable cells and manifest cells into `<RunnableCell>` and attaches each
 * `text output-of=ID` block to its cell. Static code blocks are left alone. Any
 * author mistake fails the build with `file:line`.
 */
export default function remarkRunnableCells(options: RunnableCellsOptions) {
  return (tree: Root, file: VFile): void => {
    const absolute = file.path ?? 'unknown.mdx';
    const relative = path.relative(options.siteDir, absolute).split(path.sep).join('/');
    const { cells, problems } = collectCells(tree, relative);
    problems.push(...crossFileDuplicates(relative, cells));
    if (problems.length > 0) {
      const first = problems[0]!;
      const node = cells.find((c) => c.cell.line === first.line)?.node;
      const message = `셀 문법 오류 ${problems.length}건:\n${problems.map(formatProblem).join('\n')}`;
      if (node) file.fail(message, node);
      file.fail(message, { line: first.line, column: first.column });
    }
    const byNode = new Map<Code, Cell>(cells.map(({ cell, node }) => [node, cell]));
    const outputs = new Map<string, string>();
    for (const { cell } of cells) if (cell.kind === 'output') outputs.set(cell.of, cell.source);

    // Notebooks get the lab-wide controls (run all, reset) above their first cell.
    const inNotebook = relative.startsWith('notebooks/');
    if (inNotebook && cells.some(({ cell }) => cell.kind === 'shell' || cell.kind === 'manifest')) {
      const afterFrontMatter = tree.children[0]?.type === 'yaml' ? 1 : 0;
      tree.children.splice(afterFrontMatter, 0, jsxElement('NotebookToolbar', []));
    }

    visit(tree, 'code', (node: Code, index: number | undefined, parent: Parent | undefined) => {
      const cell = byNode.get(node);
      if (!cell || cell.kind === 'fragment' || cell.kind === 'not-k8s' || !parent || index === undefined) return undefined;
      // Expected output goes into its cell; a mutant (a deliberate mistake for CI) is not for readers.
      if (cell.kind === 'output' || cell.kind === 'mutant') {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      parent.children[index] = cellElement(cell, outputs.get(cell.id), inNotebook);
      return SKIP;
    });
  };
}
