import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as parseYaml } from 'yaml';
import { collectCells } from './collect';
import type { CellProblem, ParsedFile } from './types';

const processor = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter, ['yaml']);

interface PositionedError {
  line?: number;
  column?: number;
  place?: { line?: number; column?: number; start?: { line?: number; column?: number } };
  reason?: string;
  message: string;
}

function mdxProblem(file: string, error: PositionedError): CellProblem {
  const place = error.place && 'start' in error.place ? error.place.start : error.place;
  return {
    code: 'mdx-syntax',
    file,
    line: error.line ?? place?.line ?? 1,
    column: error.column ?? place?.column ?? 1,
    message: `MDX 문법 오류: ${error.reason ?? error.message}. 본문에 그대로 쓴 "<"나 "{"는 \`코드\`로 감싸거나 &lt; / \\{ 로 쓰세요.`,
  };
}

function frontMatterOf(tree: Root, file: string, problems: CellProblem[]): Record<string, unknown> {
  const node = tree.children[0];
  if (node?.type !== 'yaml') return {};
  try {
    const value: unknown = parseYaml(node.value);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch (error) {
    problems.push({
      code: 'frontmatter',
      file,
      line: (node.position?.start.line ?? 1) + 1,
      column: 1,
      message: `front matter의 YAML을 읽을 수 없습니다: ${(error as Error).message}`,
    });
    return {};
  }
}

/** The mdast tree of a file, parsed exactly as the cell parser does; throws on MDX syntax errors. */
export function parseMarkdownTree(text: string): Root {
  return processor.parse(text);
}

/**
 * Parses one .md or .mdx file (Docusaurus compiles both as MDX) into cells and
 * author problems. Pure: the caller reads the file.
 */
export function parseCellsFromMarkdown(text: string, file: string): ParsedFile {
  let tree: Root;
  try {
    tree = processor.parse(text);
  } catch (error) {
    return { file, frontMatter: {}, cells: [], problems: [mdxProblem(file, error as PositionedError)] };
  }
  const problems: CellProblem[] = [];
  const frontMatter = frontMatterOf(tree, file, problems);
  const collected = collectCells(tree, file);
  return { file, frontMatter, cells: collected.cells.map((c) => c.cell), problems: [...problems, ...collected.problems] };
}
