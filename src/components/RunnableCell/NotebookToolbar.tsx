import React, { useState, type MouseEvent, type ReactNode } from 'react';
import { useAgent } from '../agent/AgentContext';
import ConfirmDialog from './ConfirmDialog';
import PageNotice from './PageNotice';
import { cellsInPageOrder, type CellHandle } from './cellStore';
import { statusWord } from './words';
import styles from './styles.module.css';

const isCleanup = (h: CellHandle): boolean => h.role === 'cleanup' || h.flags.includes('cleanup');
/** Run-all follows the lab's steps; challenge solutions and background cells are the reader's to start. */
const isStep = (h: CellHandle): boolean => !isCleanup(h) && h.role !== 'background' && !h.flags.includes('solution') && !h.flags.includes('expect-invalid');

/** Scrolls to a cell and puts the keyboard on its first button (run, apply, check). */
export function focusCell(id: string): void {
  const figure = document.querySelector<HTMLElement>(`figure[data-cell-id="${CSS.escape(id)}"]`);
  if (!figure) return;
  const button = figure.querySelector<HTMLElement>('[data-action]') ?? figure;
  if (button === figure) figure.tabIndex = -1;
  figure.scrollIntoView({ block: 'center' });
  button.focus({ preventScroll: true });
}

function CellLink({ id }: { id: string }): ReactNode {
  const go = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    focusCell(id);
  };
  return (
    <a href={`#${id}`} onClick={go} data-cell-link={id}>
      <code>{id}</code>
    </a>
  );
}

type Progress = { text: string; failed?: string } | undefined;

/**
 * "Run all cells of this lab" in order, stopping at the first failure, and "reset lab" (after a
 * confirmation); above them, once for the whole notebook, why its cells cannot run when they cannot.
 */
export default function NotebookToolbar(): ReactNode {
  const { state } = useAgent();
  const [progress, setProgress] = useState<Progress>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const notice = <PageNotice state={state} />;
  if (state.kind !== 'connected') return notice;
  const noCluster = !state.health.allowed;

  const runAll = async (): Promise<void> => {
    setBusy(true);
    const steps = cellsInPageOrder().filter(([, h]) => isStep(h));
    for (const [index, [id, handle]] of steps.entries()) {
      setProgress({ text: `${index + 1}/${steps.length} 실행 중: ${id}` });
      const outcome = await handle.start(handle.kind === 'manifest' ? 'apply' : 'run');
      if (outcome?.status !== 'passed') {
        setProgress({ text: `${index + 1}번째 셀에서 멈췄습니다 (${statusWord(outcome?.status ?? 'error', handle.role)}). 셀로 이동해 출력을 확인하세요: `, failed: id });
        setBusy(false);
        return;
      }
    }
    setProgress({ text: `모든 셀(${steps.length}개)을 실행했습니다.` });
    setBusy(false);
  };

  const reset = async (): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    const cleanups = cellsInPageOrder().filter(([, h]) => isCleanup(h));
    for (const [id, handle] of cleanups) {
      setProgress({ text: `정리 중: ${id}` });
      await handle.start(handle.kind === 'manifest' ? 'delete' : 'run');
    }
    setProgress({ text: cleanups.length ? '실습을 초기화했습니다.' : '정리 셀이 없습니다.' });
    setBusy(false);
  };

  const firstStep = (): string | undefined => cellsInPageOrder().find(([, h]) => isStep(h))?.[0];
  const skip = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.preventDefault();
    const id = firstStep();
    if (id) focusCell(id);
  };

  return (
    <>
      {notice}
      <div className={styles.toolbar} role="group" aria-label="실습 전체 제어" data-notebook-toolbar>
        <a href="#first-cell" className={styles.skip} onClick={skip} data-action="first-cell">
          첫 셀로 이동
        </a>
        <button
          type="button"
          className="button button--sm button--primary"
          disabled={noCluster}
          aria-disabled={busy || undefined}
          onClick={() => (busy ? undefined : void runAll())}
          data-action="run-all"
        >
          이 실습의 셀 모두 실행
        </button>
        <button
          type="button"
          className="button button--sm button--secondary"
          disabled={noCluster}
          aria-disabled={busy || undefined}
          onClick={() => (busy ? undefined : setConfirming(true))}
          data-action="reset-lab"
        >
          실습 초기화
        </button>
        <span role="status" data-run-all-result>
          {progress?.text}
          {progress?.failed ? <CellLink id={progress.failed} /> : null}
        </span>
      </div>
      <ConfirmDialog open={confirming} title="실습을 초기화할까요?" confirmLabel="초기화" onConfirm={() => void reset()} onClose={() => setConfirming(false)}>
        <p>이 실습의 정리 셀을 실행해 실습 네임스페이스와 그 안의 모든 객체를 지웁니다. 되돌릴 수 없습니다.</p>
      </ConfirmDialog>
    </>
  );
}
