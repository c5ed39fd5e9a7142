/**
 * Author's quick check: parses every cell of the given files or folders (default:
 * docs/ and notebooks/) and compiles each file as MDX, without building the site;
 * then applies the style rules: the glossary (style/glossary.yaml) and pinned installs.
 * Exit 0 when clean, 1 on any problem, 2 on a usage error.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import remarkFrontmatter from 'remark-frontmatter';
import { checkGlossary, checkKindGlosses, checkPins, formatProblem, parseMarkdownTree, type CellProblem, type GlossaryRule, type KindGloss } from '../src/core';
import { scanContent } from '../src/content/files';
import { loadGlossary, loadKindGlosses } from '../src/content/glossary';
import remarkRunnableCells from '../src/remark/runnable-cells';

const root = process.cwd();

async function compileErrors(file: string): Promise<CellProblem[]> {
  const absolute = path.resolve(root, file);
  try {
    await compile(
      { value: await readFile(absolute, 'utf8'), path: absolute },
      { remarkPlugins: [remarkFrontmatter, [remarkRunnableCells, { siteDir: root }]] },
    );
    return [];
  } catch (error) {
    const e = error as { line?: number; column?: number; reason?: string; message: string };
    // Cell problems are already reported by the parser; keep only MDX's own.
    if ((e.reason ?? e.message).startsWith('셀 문법 오류')) return [];
    return [{ code: 'mdx-syntax', file, line: e.line ?? 1, column: e.column ?? 1, message: `MDX 컴파일 오류: ${e.reason ?? e.message}` }];
  }
}

interface Style {
  glossary: GlossaryRule[];
  kinds: KindGloss[];
}

/** The course's style rules: one vocabulary and Kinds glossed once a page (style/glossary.yaml), pinned installs. */
async function styleProblems(file: string, style: Style): Promise<CellProblem[]> {
  const source = await readFile(path.resolve(root, file), 'utf8');
  const tree = parseMarkdownTree(source);
  return [...checkGlossary(tree, source, file, style.glossary), ...checkKindGlosses(tree, source, file, style.kinds), ...checkPins(tree, file)];
}

async function main(): Promise<number> {
  const targets = process.argv.slice(2);
  let scan;
  let style: Style;
  try {
    style = { glossary: await loadGlossary(root), kinds: await loadKindGlosses(root) };
    scan = await scanContent(root, targets.length ? targets : undefined);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const problems = [...scan.problems];
  const alreadyBroken = new Set(scan.problems.filter((p) => p.code === 'mdx-syntax').map((p) => p.file));
  for (const file of scan.files) {
    if (alreadyBroken.has(file.file)) continue;
    problems.push(...(await compileErrors(file.file)), ...(await styleProblems(file.file, style)));
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  for (const problem of problems) console.log(formatProblem(problem));
  const cells = scan.files.reduce((n, f) => n + f.cells.length, 0);
  console.log(`\n파일 ${scan.files.length}개, 셀 ${cells}개, 문제 ${problems.length}건`);
  return problems.length > 0 ? 1 : 0;
}

void main().then((code) => {
  process.exitCode = code;
});
