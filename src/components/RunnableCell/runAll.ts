/**
 * "Run all cells of this lab", without React: in page order, passing over each cell whose needs the
 * connected cluster lacks (with the words of src/core), stopping at the first run that does not pass.
 * The toolbar draws the result; the unit test drives this with stub cells.
 */
import type { RunOutcome } from '../../agent/protocol';
import { cellNeedsNote, isAddonNeed, type Capabilities, type CellNeedsNote } from '../../core/needs';
import type { CellHandle } from './cellStore';
import type { CellRunStatus } from './useCellRun';

export type RunAllHandle = Pick<CellHandle, 'kind' | 'role' | 'needs' | 'needsReason' | 'start' | 'skip'>;

export interface SkippedStep {
  id: string;
  note: CellNeedsNote;
}

export interface RunAllResult {
  total: number;
  ran: number;
  skipped: SkippedStep[];
  /** The first run that did not pass; undefined when every step ran or was passed over. */
  stopped?: { id: string; index: number; status: RunOutcome['status'] | 'error'; role?: string };
}

export interface RunAllDeps {
  /** What the page knows now (undefined: unknown, so every cell runs as before). */
  capabilities: Capabilities | undefined;
  /** Asks the agent to look again; for add-on needs only, which an earlier step may have installed. */
  refresh(): Promise<Capabilities | undefined>;
  onStep?(index: number, id: string): void;
}

export async function runAllSteps(steps: ReadonlyArray<readonly [string, RunAllHandle]>, deps: RunAllDeps): Promise<RunAllResult> {
  let caps = deps.capabilities;
  const skipped: SkippedStep[] = [];
  let ran = 0;
  for (const [index, [id, handle]] of steps.entries()) {
    let note = cellNeedsNote(handle.needs, caps, handle.needsReason);
    if (note && note.unmet.every((u) => isAddonNeed(u.need))) {
      caps = (await deps.refresh()) ?? caps;
      note = cellNeedsNote(handle.needs, caps, handle.needsReason);
    }
    if (note) {
      handle.skip(note.missing);
      skipped.push({ id, note });
      continue;
    }
    deps.onStep?.(index, id);
    const outcome = await handle.start(handle.kind === 'manifest' ? 'apply' : 'run');
    ran += 1;
    if (outcome?.status !== 'passed') {
      return { total: steps.length, ran, skipped, stopped: { id, index, status: outcome?.status ?? 'error', role: handle.role } };
    }
  }
  return { total: steps.length, ran, skipped };
}

/** The result's first sentence (the toolbar adds the failed cell's link and the skipped cells after it). */
export function resultText(result: RunAllResult, statusWord: (status: CellRunStatus, role: string | undefined) => string): string {
  const passedOver = result.skipped.length ? ` 지금 클러스터에 없는 것이 필요한 셀 ${result.skipped.length}개는 건너뛰었습니다.` : '';
  if (result.stopped) {
    return `${result.stopped.index + 1}번째 셀에서 멈췄습니다 (${statusWord(result.stopped.status, result.stopped.role)}).${passedOver} 셀로 이동해 출력을 확인하세요: `;
  }
  if (!result.skipped.length) return `모든 셀(${result.total}개)을 실행했습니다.`;
  return `끝까지 진행했습니다: 셀 ${result.total}개 중 ${result.ran}개를 실행했고, 지금 클러스터에 없는 것이 필요한 ${result.skipped.length}개는 건너뛰었습니다.`;
}

/** Skipped cells grouped by their short word, in page order: "건너뜀: 실제 컨테이너 필요" → ids. */
export function skippedGroups(skipped: readonly SkippedStep[]): Array<{ label: string; ids: string[] }> {
  const groups = new Map<string, string[]>();
  for (const { id, note } of skipped) groups.set(note.skipped, [...(groups.get(note.skipped) ?? []), id]);
  return [...groups].map(([label, ids]) => ({ label, ids }));
}

/** Before a run: the steps run-all would pass over with what is known now (the toolbar says how many). */
export function stepsToSkip(steps: ReadonlyArray<readonly [string, Pick<RunAllHandle, 'needs' | 'needsReason'>]>, caps: Capabilities | undefined): SkippedStep[] {
  return steps.flatMap(([id, handle]) => {
    const note = cellNeedsNote(handle.needs, caps, handle.needsReason);
    return note ? [{ id, note }] : [];
  });
}

/** '"셀 모두 실행"은 지금 클러스터에 없는 것이 필요한 셀 5개를 건너뜁니다 (실제 컨테이너 필요 5개).' */
export function willSkipText(skipped: readonly SkippedStep[]): string | undefined {
  if (!skipped.length) return undefined;
  const counts = skippedGroups(skipped).map(({ label, ids }) => `${label.replace(/^건너뜀: /, '')} ${ids.length}개`);
  return `"셀 모두 실행"은 지금 클러스터에 없는 것이 필요한 셀 ${skipped.length}개를 건너뜁니다 (${counts.join(', ')}).`;
}
