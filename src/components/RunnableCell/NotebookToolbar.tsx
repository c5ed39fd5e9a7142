import React, { useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import { useAgent } from '../agent/AgentContext';
import ConfirmDialog from './ConfirmDialog';
import PageNotice from './PageNotice';
import { cellsInPageOrder, type CellHandle } from './cellStore';
import { resultText, runAllSteps, skippedGroups, stepsToSkip, willSkipText, type SkippedStep } from './runAll';
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

type Progress = { text: string; failed?: string; skipped?: SkippedStep[] } | undefined;

/** The cells run-all passed over, by what they need: "건너뜀: 실제 컨테이너 필요 — id, id". */
function SkippedList({ skipped }: { skipped: SkippedStep[] }): ReactNode {
  return (
    <span data-run-all-skipped>
      {skippedGroups(skipped).map(({ label, ids }) => (
        <span key={label} data-skipped-need={label}>
          {' '}
          {label}:{' '}
          {ids.map((id, i) => (
            <React.Fragment key={id}>
              {i ? ', ' : null}
              <CellLink id={id} />
            </React.Fragment>
          ))}
          .
        </span>
      ))}
    </span>
  );
}

/**
 * "Run all cells of this lab" in order, passing over cells whose needs the cluster lacks (listed with
 * the need), stopping at the first failure, and "reset lab" (after a
 * confirmation); above them, once for the whole notebook, why its cells cannot run when they cannot.
 */
export default function NotebookToolbar(): ReactNode {
  const { state, capabilities, refreshCapabilities } = useAgent();
  // Run-all reads what is known when it reaches each cell, not what it was when it started.
  const known = useRef(capabilities);
  known.current = capabilities;
  const [progress, setProgress] = useState<Progress>();
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  // Cells register in their own effects, before capabilities arrive from the agent: counted when they do.
  const [willSkip, setWillSkip] = useState<string | undefined>();
  useEffect(() => setWillSkip(willSkipText(stepsToSkip(cellsInPageOrder().filter(([, h]) => isStep(h)), capabilities))), [capabilities]);
  const notice = <PageNotice state={state} />;
  if (state.kind !== 'connected') return notice;
  const noCluster = !state.health.allowed;

  const runAll = async (): Promise<void> => {
    setBusy(true);
    const steps = cellsInPageOrder().filter(([, h]) => isStep(h));
    const result = await runAllSteps(steps, {
      capabilities: known.current,
      refresh: refreshCapabilities,
      onStep: (index, id) => setProgress({ text: `${index + 1}/${steps.length} 실행 중: ${id}` }),
    });
    setProgress({ text: resultText(result, statusWord), failed: result.stopped?.id, skipped: result.skipped });
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
          {progress ? progress.text : willSkip ? <span data-run-all-will-skip>{willSkip}</span> : null}
          {progress?.failed ? <CellLink id={progress.failed} /> : null}
          {progress?.skipped?.length ? <SkippedList skipped={progress.skipped} /> : null}
        </span>
      </div>
      <ConfirmDialog open={confirming} title="실습을 초기화할까요?" confirmLabel="초기화" onConfirm={() => void reset()} onClose={() => setConfirming(false)}>
        <p>이 실습의 정리 셀을 실행해 실습 네임스페이스와 그 안의 모든 객체를 지웁니다. 되돌릴 수 없습니다.</p>
      </ConfirmDialog>
    </>
  );
}
