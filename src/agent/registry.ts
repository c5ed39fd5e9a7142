import { fileSlug, hashSource, isRunnable, type RunnableCell } from '../core';
import { ID_PATTERN } from '../core/syntax';
import { scanContent } from '../content/files';
import type { Refusal } from './http/checks';

export interface RegisteredCell {
  cell: RunnableCell;
  /** The notebook (or page) the cell belongs to: its working directory and namespace. */
  page: { file: string; slug: string; namespace?: string };
}

export interface RunRequest {
  id?: unknown;
  hash?: unknown;
  source?: unknown;
}

export type Resolution =
  | { ok: true; entry: RegisteredCell; source: string; edited: boolean }
  | { ok: false; refusal: Refusal };

const MAX_SOURCE_BYTES = 64 * 1024;

/**
 * The cells the agent is willing to run: exactly those in docs/ and notebooks/,
 * by id and SHA-256, read at start through src/core. A page can only name a cell;
 * it cannot bring its own code unless the reader opted in to edited cells.
 */
export class CellRegistry {
  private constructor(private readonly cells: ReadonlyMap<string, RegisteredCell>) {}

  static fromEntries(entries: RegisteredCell[]): CellRegistry {
    return new CellRegistry(new Map(entries.map((entry) => [entry.cell.id, entry])));
  }

  static async fromContent(root: string): Promise<CellRegistry> {
    const scan = await scanContent(root);
    const entries: RegisteredCell[] = [];
    for (const file of scan.files) {
      const namespace = typeof file.frontMatter.namespace === 'string' ? file.frontMatter.namespace : undefined;
      const page = { file: file.file, slug: fileSlug(file.file), namespace };
      for (const cell of file.cells) if (isRunnable(cell)) entries.push({ cell, page });
    }
    return CellRegistry.fromEntries(entries);
  }

  get size(): number {
    return this.cells.size;
  }

  resolve(request: RunRequest, allowEdited: boolean): Resolution {
    const { id, hash, source } = request;
    if (typeof id !== 'string' || id.length > 80 || !ID_PATTERN.test(id)) {
      return refuse(400, 'bad-id', '셀 id 형식이 올바르지 않습니다.');
    }
    const entry = this.cells.get(id);
    if (!entry) {
      return refuse(404, 'unknown-cell', `에이전트가 모르는 셀입니다 (${id}). 사이트와 에이전트가 같은 저장소 버전인지 확인하고 에이전트를 다시 시작하세요.`);
    }
    if (typeof hash !== 'string' || hash !== entry.cell.hash) {
      return refuse(
        409,
        'content-mismatch',
        '사이트와 에이전트의 콘텐츠 버전이 다릅니다. 이 셀의 내용이 에이전트가 읽은 저장소와 달라 실행하지 않았습니다. 저장소를 최신으로 맞추고 에이전트와 사이트를 다시 시작하세요.',
      );
    }
    if (source === undefined) return { ok: true, entry, source: entry.cell.source, edited: false };
    if (typeof source !== 'string' || Buffer.byteLength(source) > MAX_SOURCE_BYTES) {
      return refuse(400, 'bad-source', `수정한 셀 내용이 올바르지 않거나 너무 깁니다 (최대 ${MAX_SOURCE_BYTES} 바이트).`);
    }
    const edited = hashSource(source) !== entry.cell.hash;
    if (edited && !allowEdited) {
      return refuse(
        403,
        'edited-not-allowed',
        '수정한 셀은 실행하지 않습니다. 수정한 코드를 실행하려면 에이전트를 --allow-edited 옵션으로 다시 시작하세요.',
      );
    }
    return { ok: true, entry, source, edited };
  }
}

const refuse = (status: number, code: string, message: string): Resolution => ({ ok: false, refusal: { status, code, message } });
