import type { Code, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { cellFromFence, type FenceProblem } from './cell';
import type { Cell, CellProblem } from './types';

export interface CollectedCell {
  cell: Cell;
  node: Code;
}

export interface CollectResult {
  cells: CollectedCell[];
  problems: CellProblem[];
}

/**
 * Walks an mdast tree (from our own parse or from Docusaurus's MDX compiler) and
 * turns its fenced code blocks into cells. Both the remark plugin and every CLI go
 * through here, so the site and the tools can never disagree about a cell.
 * Docusaurus compiles the whole file (front matter included, through
 * remark-frontmatter), so node positions are already the file's own lines.
 */
export function collectCells(tree: Root, file: string): CollectResult {
  const cells: CollectedCell[] = [];
  const problems: CellProblem[] = [];
  const withFile = (problem: FenceProblem): CellProblem => ({ ...problem, file });
  visit(tree, 'code', (node: Code) => {
    const start = node.position?.start ?? { line: 1, column: 1 };
    const result = cellFromFence(
      { file, lang: node.lang, meta: node.meta, value: node.value, line: start.line, column: start.column },
      cells.length + 1,
    );
    problems.push(...result.problems.map(withFile));
    if (result.cell) cells.push({ cell: result.cell, node });
  });
  problems.push(...checkFileLevel(cells.map((c) => c.cell)));
  return { cells, problems };
}

const isDocsPage = (file: string): boolean => /(^|\/)docs\//.test(file.replace(/\\/g, '/'));

/** Duplicate ids inside one file and `output-of` pointing at no cell of the file. */
function checkFileLevel(cells: Cell[]): CellProblem[] {
  const problems: CellProblem[] = [];
  const seen = new Map<string, Cell>();
  for (const cell of cells) {
    const first = seen.get(cell.id);
    if (first) {
      problems.push({
        code: 'duplicate-id',
        file: cell.file,
        line: cell.line,
        column: 1,
        message: `셀 id "${cell.id}"가 중복되었습니다 (처음 정의: ${first.file}:${first.line}). id는 저장소 전체에서 유일해야 합니다.`,
      });
    } else {
      seen.set(cell.id, cell);
    }
  }
  for (const cell of cells) {
    if (cell.kind !== 'output') continue;
    const target = seen.get(cell.of);
    if (!target || target.kind === 'output') {
      problems.push({
        code: 'output-of-unknown',
        file: cell.file,
        line: cell.line,
        column: 1,
        message: `output-of=${cell.of}: 이 파일에 그런 id의 실행 셀이 없습니다. 예상 출력은 같은 파일의 셀 id를 가리켜야 합니다.`,
      });
    }
  }
  for (const cell of cells) {
    // Only notebooks run in CI (the notebook runner compares their blocks with what the cell printed);
    // a lecture page's expected output would be shown to readers without ever being checked.
    if (cell.kind !== 'output' || !isDocsPage(cell.file) || cell.compare.mode === 'none') continue;
    problems.push({
      code: 'output-of-unknown',
      file: cell.file,
      line: cell.line,
      column: 1,
      message: `output-of=${cell.of}: 강의 페이지(docs/)의 셀은 CI에서 실행하지 않아 이 예상 출력이 실제 출력과 비교되지 않습니다. 비교되어야 하면 셀을 노트북(notebooks/)으로 옮기고, 아니면 compare=none reason="왜 비교하지 않는지"를 붙이세요.`,
    });
  }
  for (const cell of cells) {
    if (cell.kind !== 'mutant') continue;
    const target = seen.get(cell.of);
    if (!target || target.kind !== 'shell' || target.role !== 'verify') {
      problems.push({
        code: 'output-of-unknown',
        file: cell.file,
        line: cell.line,
        column: 1,
        message: `mutant of=${cell.of}: 이 파일에 그런 id의 verify 셀이 없습니다. 이 실수로 실패해야 할 같은 파일의 bash verify 셀 id를 쓰세요.`,
      });
    }
    for (const id of cell.restore ?? []) {
      const restore = seen.get(id);
      if (!restore || (restore.kind !== 'shell' && restore.kind !== 'manifest')) {
        problems.push({
          code: 'output-of-unknown',
          file: cell.file,
          line: cell.line,
          column: 1,
          message: `mutant restore=${id}: 이 파일에 그런 id의 실행 셀이나 매니페스트 셀이 없습니다.`,
        });
      }
    }
  }
  return problems;
}

/** Ids repeated across files (each file's own duplicates are reported by collectCells). */
export function findDuplicateIdsAcrossFiles(files: ReadonlyArray<{ cells: readonly Cell[] }>): CellProblem[] {
  const first = new Map<string, Cell>();
  const problems: CellProblem[] = [];
  for (const { cells } of files) {
    for (const cell of cells) {
      const earlier = first.get(cell.id);
      if (!earlier) {
        first.set(cell.id, cell);
      } else if (earlier.file !== cell.file) {
        problems.push({
          code: 'duplicate-id',
          file: cell.file,
          line: cell.line,
          column: 1,
          message: `셀 id "${cell.id}"가 중복되었습니다 (처음 정의: ${earlier.file}:${earlier.line}). id는 저장소 전체에서 유일해야 합니다.`,
        });
      }
    }
  }
  return problems;
}
