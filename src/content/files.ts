import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { findDuplicateIdsAcrossFiles, parseCellsFromMarkdown, type CellProblem, type ParsedFile } from '../core';

/** Where the course's cells live; every tool reads the same folders. */
export const CONTENT_DIRS = ['docs', 'notebooks'] as const;

const MARKDOWN = /\.(md|mdx)$/i;

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((entry) => !entry.name.startsWith('.') && entry.name !== 'node_modules')
      .map(async (entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return walk(full);
        return MARKDOWN.test(entry.name) ? [full] : [];
      }),
  );
  return nested.flat().sort();
}

/**
 * Expands files and folders (relative to `root`) into Markdown files. A path that
 * does not exist is an error the caller reports; nothing is silently dropped.
 */
export async function findMarkdownFiles(root: string, targets: readonly string[] = CONTENT_DIRS): Promise<string[]> {
  const files: string[] = [];
  for (const target of targets) {
    const full = path.resolve(root, target);
    const info = await stat(full).catch(() => undefined);
    if (!info) {
      if ((CONTENT_DIRS as readonly string[]).includes(target)) continue;
      throw new Error(`${target}: 파일이나 폴더가 없습니다.`);
    }
    if (info.isDirectory()) files.push(...(await walk(full)));
    else files.push(full);
  }
  return [...new Set(files)];
}

export interface ContentScan {
  files: ParsedFile[];
  /** Every author problem, including ids repeated across files. */
  problems: CellProblem[];
}

/** Reads and parses Markdown files; file names in results are relative to `root` with `/`. */
export async function scanContent(root: string, targets?: readonly string[]): Promise<ContentScan> {
  const absolute = await findMarkdownFiles(root, targets);
  const files = await Promise.all(
    absolute.map(async (file) => {
      const relative = path.relative(root, file).split(path.sep).join('/');
      return parseCellsFromMarkdown(await readFile(file, 'utf8'), relative);
    }),
  );
  const problems = [...files.flatMap((f) => f.problems), ...findDuplicateIdsAcrossFiles(files)];
  return { files, problems };
}
