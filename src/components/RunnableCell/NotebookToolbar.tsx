import React, { useState, type ReactNode } from 'react';
import { useAgent } from '../agent/AgentContext';
import NoAgentHint from './NoAgentHint';
import { cellsInPageOrder, type CellHandle } from './cellStore';
import styles from './styles.module.css';

const isCleanup = (h: CellHandle): boolean => h.role === 'cleanup' || h.flags.includes('cleanup');
/** Run-all follows the lab's steps; challenge solutions and background cells are the reader's to start. */
const isStep = (h: CellHandle): boolean => !isCleanup(h) && h.role !== 'background' && !h.flags.includes('solution') && !h.flags.includes('expect-invalid');

/**
 * "Run all cells of this lab" in order, stopping at the first failure, and "reset lab"; without an
 * agent, the one hint for every cell of the notebook.
 */
export default function NotebookToolbar(): ReactNode {
  const { state } = useAgent();
  const [progress, setProgress] = useState<string>('');
  const [busy, setBusy] = useState(false);
  if (state.kind !== 'connected') return <NoAgentHint />;

  const runAll = async (): Promise<void> => {
    setBusy(true);
    const steps = cellsInPageOrder().filter(([, h]) => isStep(h));
    for (const [index, [id, handle]] of steps.entries()) {
      setProgress(`${index + 1}/${steps.length} 실행 중: ${id}`);
      const outcome = await handle.start(handle.kind === 'manifest' ? 'apply' : 'run');
      if (outcome?.status !== 'passed') {
        setProgress(`${id}에서 멈췄습니다 (${outcome?.status ?? '오류'}). 그 셀의 출력을 확인하세요.`);
        setBusy(false);
        return;
      }
    }
    setProgress(`모든 셀(${steps.length}개)을 실행했습니다.`);
    setBusy(false);
  };

  const reset = async (): Promise<void> => {
    setBusy(true);
    const cleanups = cellsInPageOrder().filter(([, h]) => isCleanup(h));
    for (const [id, handle] of cleanups) {
      setProgress(`정리 중: ${id}`);
      await handle.start(handle.kind === 'manifest' ? 'delete' : 'run');
    }
    setProgress(cleanups.length ? '실습을 초기화했습니다.' : '정리 셀이 없습니다.');
    setBusy(false);
  };

  return (
    <div className={styles.toolbar} role="group" aria-label="실습 전체 제어">
      <button type="button" className="button button--sm button--primary" disabled={busy} onClick={() => void runAll()} data-action="run-all">
        이 실습의 셀 모두 실행
      </button>
      <button type="button" className="button button--sm button--secondary" disabled={busy} onClick={() => void reset()} data-action="reset-lab">
        실습 초기화
      </button>
      <span role="status">{progress}</span>
    </div>
  );
}
