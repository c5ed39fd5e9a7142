import type { CellAction, RunOutcome } from '../../agent/protocol';
import type { Need } from '../../core/needs';

/** What "run all" and "reset lab" need from each mounted cell. */
export interface CellHandle {
  kind: 'shell' | 'manifest';
  role?: string;
  flags: string[];
  /** `needs=` of the cell, and the author's reason for them. */
  needs: Need[];
  needsReason?: string;
  start(action: CellAction): Promise<RunOutcome | undefined>;
  /** Run-all passed over the cell: it shows that, with what is missing ("실제 컨테이너"), instead of a result. */
  skip(missing: string): void;
}

const handles = new Map<string, CellHandle>();

export function registerCell(id: string, handle: CellHandle): () => void {
  handles.set(id, handle);
  return () => {
    if (handles.get(id) === handle) handles.delete(id);
  };
}

/** Mounted cells in page order (the DOM is the order the reader sees). */
export function cellsInPageOrder(root: ParentNode = document): Array<[string, CellHandle]> {
  const ordered: Array<[string, CellHandle]> = [];
  root.querySelectorAll<HTMLElement>('[data-cell-id]').forEach((element) => {
    const id = element.dataset.cellId!;
    const handle = handles.get(id);
    if (handle) ordered.push([id, handle]);
  });
  return ordered;
}
