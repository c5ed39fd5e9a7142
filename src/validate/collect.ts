import type { ManifestCell, ManifestDocument, ParsedFile } from '../core';
import type { ValidationResult } from './types';

/** One Kubernetes object to check, with what is needed to point back at its Markdown lines. */
export interface ObjectItem {
  file: string;
  cellId: string;
  /** The cell's YAML source and the Markdown line of its first line (for lineOfYamlPath). */
  source: string;
  sourceLine: number;
  document: ManifestDocument;
  /** Namespace for a namespaced object without metadata.namespace: the cell's, the page's, or `default`. */
  defaultNamespace: string;
  expectInvalid?: string;
}

export interface Collected {
  items: ObjectItem[];
  /** Results known without any check: annotated blocks and YAML that never became an object. */
  immediate: ValidationResult[];
  /** expect-invalid cells, to judge their objects together. */
  expectCells: Map<string, ManifestCell>;
}

/** Author problems that are about YAML, which the validator owns (the rest is check:content's). */
const YAML_PROBLEMS = new Set(['yaml-syntax', 'yaml-not-k8s']);

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function pageNamespace(file: ParsedFile): string | undefined {
  const value = file.frontMatter.namespace;
  return typeof value === 'string' && NAMESPACE.test(value) ? value : undefined;
}

const unknownObject = { apiVersion: '', kind: '', name: '' };

/**
 * Turns parsed files (from src/content scanContent, i.e. src/core) into objects to
 * check and results that need no check. A YAML block whose problem is in an
 * expect-invalid cell still counts against that cell's expectation.
 */
export function collectObjects(files: readonly ParsedFile[]): Collected {
  const items: ObjectItem[] = [];
  const immediate: ValidationResult[] = [];
  const expectCells = new Map<string, ManifestCell>();
  for (const file of files) {
    const fileNamespace = pageNamespace(file);
    if (file.problems.some((p) => p.code === 'mdx-syntax')) {
      const problem = file.problems.find((p) => p.code === 'mdx-syntax')!;
      immediate.push({
        ...unknownObject,
        file: file.file,
        line: problem.line,
        status: 'error',
        messages: [`파일을 Markdown/MDX로 읽을 수 없어 매니페스트를 검사하지 못했습니다: ${problem.message}`],
        locations: [{ line: problem.line, message: problem.message }],
      });
      continue;
    }
    // A manifest mutant (a lab step's typical mistake) must be a valid object too, or the mistake the
    // verify is proven against is a different one (a rejected apply); expect-invalid ones must be rejected.
    const yamlCells = file.cells
      .map((c) => (c.kind === 'mutant' && c.variant.kind === 'manifest' ? c.variant : c))
      .filter((c) => c.kind === 'manifest' || c.kind === 'fragment' || c.kind === 'not-k8s');
    const fenceLines = new Map(yamlCells.map((c) => [c.line, c]));
    for (const problem of file.problems) {
      const cell = fenceLines.get(problem.line);
      if (!YAML_PROBLEMS.has(problem.code) && !cell) continue;
      const owner = cell ?? yamlCells.filter((c) => c.sourceLine <= problem.line).at(-1);
      immediate.push({
        ...unknownObject,
        file: file.file,
        line: problem.line,
        status: 'invalid',
        messages: [problem.message],
        locations: [{ line: problem.line, message: problem.message }],
        cellId: owner?.id,
        annotation: owner?.kind === 'manifest' && owner.expectInvalid ? 'expect-invalid' : undefined,
      });
    }
    for (const cell of yamlCells) {
      if (cell.kind === 'fragment' || cell.kind === 'not-k8s') {
        immediate.push({
          ...unknownObject,
          file: file.file,
          line: cell.line,
          status: 'annotated',
          annotation: cell.kind,
          cellId: cell.id,
          messages: [cell.kind === 'fragment' ? '설명용 일부(fragment)라 검사하지 않습니다.' : '쿠버네티스 객체가 아닌 YAML(not-k8s)이라 검사하지 않습니다.'],
          locations: [],
        });
        continue;
      }
      if (cell.kind !== 'manifest') continue;
      if (cell.expectInvalid) expectCells.set(cell.id, cell);
      for (const document of cell.documents) {
        items.push({
          file: file.file,
          cellId: cell.id,
          source: cell.source,
          sourceLine: cell.sourceLine,
          document,
          defaultNamespace: cell.namespace ?? fileNamespace ?? 'default',
          expectInvalid: cell.expectInvalid,
        });
      }
    }
  }
  return { items, immediate, expectCells };
}
