import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node as YamlNode } from 'yaml';
import type { CellProblem, ManifestDocument } from './types';

/**
 * YAML handling for manifest cells. We use the `yaml` package rather than js-yaml
 * because authors need `file:line` for the offending document *and key*, and only
 * `yaml` exposes source ranges for every node (js-yaml reports positions for
 * syntax errors alone).
 */

export interface YamlDocumentInfo {
  index: number;
  /** Absolute line in the Markdown file where the document's content starts. */
  line: number;
  /** `undefined` for an empty document (e.g. a trailing `---`). */
  value: unknown;
}

export interface SplitYamlResult {
  documents: YamlDocumentInfo[];
  /** Syntax problems with absolute lines; a document with a problem is left out of `documents`. */
  problems: Omit<CellProblem, 'file'>[];
}

/** Guards against "billion laughs" alias bombs in content and in agent requests. */
const MAX_ALIAS_COUNT = 100;

function parse(source: string): { docs: Document.Parsed[]; lines: LineCounter } {
  const lines = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  // parseAllDocuments returns an EmptyStream (an array-like with no documents) for empty input.
  return { docs: Array.isArray(docs) ? docs : [], lines };
}

const yamlErrorMessage = (code: string, raw: string): string => {
  switch (code) {
    case 'DUPLICATE_KEY':
      return '같은 키가 두 번 나옵니다. YAML에서는 한 객체 안의 키가 유일해야 하며, 뒤의 값이 앞의 값을 조용히 덮어쓰는 일이 생깁니다. 하나를 지우거나, 문서 두 개라면 사이에 --- 를 넣으세요.';
    case 'TAB_AS_INDENT':
      return '들여쓰기에 탭 문자가 쓰였습니다. YAML 들여쓰기는 공백만 허용합니다.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return `들여쓰기나 구조가 올바르지 않습니다 (${raw.split('\n')[0]}).`;
    default:
      return `YAML 문법 오류입니다 (${raw.split('\n')[0]}).`;
  }
};

/**
 * Splits a (possibly multi-document) YAML block into documents with absolute lines.
 * `firstLine` is the Markdown line of the block's first source line.
 */
export function splitYamlDocuments(source: string, firstLine: number): SplitYamlResult {
  const { docs, lines } = parse(source);
  const documents: YamlDocumentInfo[] = [];
  const problems: SplitYamlResult['problems'] = [];
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const pos = lines.linePos(error.pos[0]);
        problems.push({
          code: 'yaml-syntax',
          line: firstLine + pos.line - 1,
          column: pos.col,
          message: yamlErrorMessage(error.code, error.message),
        });
      }
      return;
    }
    const start = doc.contents?.range?.[0] ?? doc.range[0];
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problems.push({
        code: 'yaml-syntax',
        line: firstLine + lines.linePos(start).line - 1,
        column: 1,
        message: `YAML을 해석할 수 없습니다: ${(error as Error).message}`,
      });
      return;
    }
    documents.push({ index, line: firstLine + lines.linePos(start).line - 1, value });
  });
  return { documents, problems };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A Kubernetes object needs string `apiVersion` and `kind`; anything else is not one. */
export function toManifestDocument(doc: YamlDocumentInfo): ManifestDocument | undefined {
  const value = doc.value;
  if (!isObject(value) || typeof value.apiVersion !== 'string' || typeof value.kind !== 'string') return undefined;
  const metadata = isObject(value.metadata) ? value.metadata : {};
  return {
    index: doc.index,
    line: doc.line,
    apiVersion: value.apiVersion,
    kind: value.kind,
    name: typeof metadata.name === 'string' ? metadata.name : undefined,
    namespace: typeof metadata.namespace === 'string' ? metadata.namespace : undefined,
    object: value,
  };
}

export type YamlPath = ReadonlyArray<string | number>;

/**
 * The absolute line of the deepest node of `path` that exists in document `index`
 * (for example the line of an unknown field the API server named). Falls back to
 * the document's first line.
 */
export function lineOfYamlPath(source: string, firstLine: number, index: number, path: YamlPath): number {
  const { docs, lines } = parse(source);
  const doc = docs[index];
  if (!doc) return firstLine;
  let node: unknown = doc.contents;
  let offset = (doc.contents as YamlNode | null)?.range?.[0] ?? doc.range[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown })?.value ?? item.key) === String(segment));
      if (!pair) break;
      const keyRange = (pair.key as YamlNode | null)?.range;
      if (keyRange) offset = keyRange[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item) break;
      if (item.range) offset = item.range[0];
      node = item;
    } else {
      break;
    }
  }
  return firstLine + lines.linePos(offset).line - 1;
}
