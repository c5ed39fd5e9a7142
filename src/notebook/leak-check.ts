/**
 * Runs the leak check around the notebooks of one run: an inventory of the cluster before a
 * notebook and after it, compared by findLeaks. A notebook with `keeps-state: true` in its front
 * matter deliberately leaves its objects for the next notebook (the final project: apply, grade,
 * tear down), so the check spans the chain and happens after the first notebook that does not.
 */
import type { ParsedFile } from '../core';
import type { InventoryItem } from '../kube/inventory';
import { sleep } from '../kube/sleep';
import { DELETING_NOTE, findLeaks } from './leaks';
import { notebookFailed } from './summary';
import type { NotebookReport } from './types';

const isDeleting = (leak: string): boolean => leak.endsWith(DELETING_NOTE);

export type Inventory = () => Promise<InventoryItem[]>;

export const keepsState = (parsed: ParsedFile): boolean => parsed.frontMatter['keeps-state'] === true;

export class LeakCheck {
  private before: InventoryItem[] | undefined;
  private namespaces: string[] = [];
  private chain: string[] = [];

  constructor(
    private readonly inventory: Inventory,
    private readonly notice: (message: string) => void,
    /** Async deletions (a namespace's finalizers, garbage collection) get this long to finish. */
    private readonly settleMs = 3000,
    /** How long objects that are being deleted may take before they count as left behind. */
    private readonly deletingWaitMs = 90_000,
  ) {}

  /** Before a notebook: take the baseline unless a chain is open. */
  async start(): Promise<void> {
    if (this.before) return;
    try {
      this.before = await this.inventory();
    } catch (error) {
      this.notice(`누수 검사를 위해 클러스터 객체 목록을 읽지 못해 이 노트북은 검사하지 않습니다: ${(error as Error).message}`);
    }
  }

  /** After a notebook: compare (or extend the chain) and record leaks on the report. */
  async finish(parsed: ParsedFile, report: NotebookReport): Promise<void> {
    if (!this.before) return;
    this.namespaces.push(report.namespace);
    this.chain.push(parsed.file);
    if (keepsState(parsed)) {
      this.notice(`${parsed.file}는 keeps-state라 객체를 다음 노트북에 남깁니다. 누수 검사는 이어지는 정리 노트북 뒤에 합니다.`);
      return;
    }
    try {
      let leaks = findLeaks(this.before, await this.inventory(), this.namespaces);
      // Deletions the cleanup started (`--wait=false`, a namespace's finalizers) get time to finish, and
      // so does what goes with them (a PersistentVolume freed when the namespace's claim goes, a Service's
      // IPAddress); with nothing being deleted, one short settle.
      const deadline = Date.now() + this.deletingWaitMs;
      for (let first = true; leaks.length > 0 && (first || (leaks.some(isDeleting) && Date.now() < deadline)); first = false) {
        await sleep(this.settleMs);
        leaks = findLeaks(this.before, await this.inventory(), this.namespaces);
      }
      const chain = this.chain.length > 1 ? ` (${this.chain.join(' → ')} 전체)` : '';
      report.leaks = leaks.map((leak) => `${leak}${chain}`);
      report.failed = notebookFailed(report);
    } catch (error) {
      this.notice(`누수 검사를 위해 클러스터 객체 목록을 읽지 못했습니다: ${(error as Error).message}`);
    } finally {
      this.before = undefined;
      this.namespaces = [];
      this.chain = [];
    }
  }

  /** At the end of the run: a chain still open means its teardown was not part of this run. */
  end(): void {
    if (this.before) this.notice(`keeps-state 노트북(${this.chain.join(', ')}) 뒤에 정리 노트북을 함께 실행하지 않아 누수 검사를 하지 않았습니다.`);
  }
}
