import React, { type ReactNode } from 'react';
import type { CellAction } from '../../agent/protocol';
import AnsiOutput from './AnsiOutput';
import type { CellRunState } from './useCellRun';
import type { RunnableCellProps } from './types';
import styles from './styles.module.css';

const STATUS_LABELS: Record<CellRunState['status'], string> = {
  idle: '',
  queued: '대기 중',
  running: '실행 중',
  passed: '성공',
  failed: '실패',
  'timed-out': '시간 초과',
  cancelled: '취소됨',
  error: '오류',
};

const MANIFEST_ACTIONS: { action: CellAction; label: string }[] = [
  { action: 'apply', label: '적용(apply)' },
  { action: 'dry-run', label: '서버 dry-run' },
  { action: 'diff', label: '차이(diff)' },
  { action: 'delete', label: '삭제' },
];

interface Props {
  cell: RunnableCellProps;
  state: CellRunState;
  edited: boolean;
  onStart(action: CellAction): void;
  onCancel(): void;
}

function verdict(cell: RunnableCellProps, state: CellRunState): string | undefined {
  if (state.error) return state.error.message;
  if (cell.role === 'verify' && state.status === 'passed') return cell.okMessage ?? '확인을 통과했습니다.';
  if (cell.role === 'verify' && state.status === 'failed') return cell.failMessage ?? '확인에 실패했습니다.';
  return state.outcome?.message;
}

/** Buttons, status and output of a cell when an agent is connected. */
export default function CellControls({ cell, state, edited, onStart, onCancel }: Props): ReactNode {
  const busy = state.status === 'queued' || state.status === 'running';
  const actions =
    cell.kind === 'manifest'
      ? MANIFEST_ACTIONS
      : [{ action: 'run' as const, label: cell.role === 'verify' ? '확인' : cell.role === 'background' ? '시작' : '실행' }];
  const message = verdict(cell, state);
  return (
    <div className={styles.controls}>
      <div className={styles.buttons}>
        {actions.map(({ action, label }) => (
          <button
            key={action}
            type="button"
            className="button button--sm button--primary"
            disabled={busy}
            onClick={() => onStart(action)}
            data-action={action}
          >
            {label}
          </button>
        ))}
        {busy ? (
          <button type="button" className="button button--sm button--secondary" onClick={onCancel} data-action="cancel">
            {cell.role === 'background' ? '중지' : '취소'}
          </button>
        ) : null}
        {state.status !== 'idle' ? (
          <span className={styles.status} data-status={state.status} role="status">
            {STATUS_LABELS[state.status]}
            {state.outcome?.exitCode !== undefined && state.outcome.exitCode !== null ? ` · 종료 코드 ${state.outcome.exitCode}` : ''}
            {state.outcome ? ` · ${(state.outcome.durationMs / 1000).toFixed(1)}초` : ''}
            {edited ? ' · 수정한 코드로 실행' : ''}
          </span>
        ) : null}
      </div>
      {message ? (
        <p className={styles.verdict} data-verdict={state.status}>
          {message}
        </p>
      ) : null}
      {state.outcome?.objects?.length ? (
        <ul className={styles.objects}>
          {state.outcome.objects.map((o) => (
            <li key={`${o.kind}/${o.namespace ?? ''}/${o.name}`}>
              <code>
                {o.kind}/{o.name}
              </code>{' '}
              {o.status}: {o.message}
              {o.diff ? <pre className={styles.outputPre}>{o.diff}</pre> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {state.output ? <AnsiOutput text={state.output} /> : null}
    </div>
  );
}
