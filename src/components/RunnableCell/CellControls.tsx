import React, { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CellAction } from '../../agent/protocol';
import AnsiOutput from './AnsiOutput';
import type { CellRunState } from './useCellRun';
import type { RunnableCellProps } from './types';
import { headingBefore, objectWord, statusWord } from './words';
import styles from './styles.module.css';

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
  /** Id of the cell's unmet-needs note: the buttons say "anyway" and point to it. */
  unmetNote?: string;
  onStart(action: CellAction): void;
  onCancel(): void;
}

function verdict(cell: RunnableCellProps, state: CellRunState): string | undefined {
  if (state.error) return state.error.message;
  // The reason is in the note above the buttons; here only what happened and what was missing.
  if (state.status === 'skipped') return `"셀 모두 실행"이 이 셀을 건너뛰었습니다 (지금 클러스터에 없는 것: ${state.skipped ?? '알 수 없음'}).`;
  if (cell.role === 'verify' && state.status === 'passed') return cell.okMessage ?? '확인을 통과했습니다.';
  if (cell.role === 'verify' && state.status === 'failed') return cell.failMessage ?? '확인에 실패했습니다.';
  if (cell.role === 'background' && state.status === 'cancelled') return '백그라운드 셀을 중지했습니다.';
  // The runner's sentence is written for the terminal, where the output comes first; here it is below.
  if (cell.kind === 'shell' && state.status === 'failed' && state.outcome) {
    const code = state.outcome.exitCode;
    return `셀이 실패했습니다${code !== null && code !== undefined ? ` (종료 코드 ${code})` : ''}. 아래 출력에서 오류를 확인하세요.`;
  }
  return state.outcome?.message;
}

/** Buttons, status and output of a cell when an agent is connected. */
export default function CellControls({ cell, state, edited, unmetNote, onStart, onCancel }: Props): ReactNode {
  const busy = state.status === 'queued' || state.status === 'running';
  const base =
    cell.kind === 'manifest'
      ? MANIFEST_ACTIONS
      : [{ action: 'run' as const, label: cell.role === 'verify' ? '확인' : cell.role === 'background' ? '시작' : '실행' }];
  // The cluster lacks what the cell needs: it still runs when the reader asks, and the button says so.
  const actions = unmetNote ? base.map((a, i) => (i === 0 ? { ...a, label: `그래도 ${a.label}` } : a)) : base;
  const message = verdict(cell, state);
  const root = useRef<HTMLDivElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [heading, setHeading] = useState<string | undefined>();
  useEffect(() => {
    if (root.current) setHeading(headingBefore(root.current));
  }, []);
  // The pressed button stays focusable (aria-disabled) while busy, so focus never falls to <body>;
  // a keyboard reader is taken on to the stop button, the one thing to do next.
  // When the run ends the stop button goes away; focus then returns to the button that started it.
  const wasBusy = useRef(busy);
  const pressed = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    const active = document.activeElement;
    if (busy && !wasBusy.current && root.current?.contains(active)) cancelRef.current?.focus();
    if (!busy && wasBusy.current && (active === document.body || active === null || root.current?.contains(active))) pressed.current?.focus();
    wasBusy.current = busy;
  }, [busy]);
  const where = heading ? `${heading} (${cell.id})` : cell.id;
  const stopped = cell.role === 'background' && state.status === 'cancelled';
  const objects = state.outcome?.objects ?? [];
  return (
    <div className={styles.controls} ref={root}>
      <div className={styles.buttons}>
        {actions.map(({ action, label }) => (
          <button
            key={action}
            type="button"
            className={`button button--sm button--primary${unmetNote ? ' button--outline' : ''}`}
            aria-disabled={busy || undefined}
            aria-label={`${label}: ${where}`}
            aria-describedby={unmetNote}
            onClick={(event) => {
              if (busy) return;
              pressed.current = event.currentTarget;
              onStart(action);
            }}
            data-action={action}
          >
            {label}
          </button>
        ))}
        {busy ? (
          <button
            type="button"
            ref={cancelRef}
            className="button button--sm button--secondary"
            onClick={onCancel}
            data-action="cancel"
            aria-label={`${cell.role === 'background' ? '중지' : '취소'}: ${where}`}
          >
            {cell.role === 'background' ? '중지' : '취소'}
          </button>
        ) : null}
        {state.status !== 'idle' ? (
          <span className={styles.status} data-status={state.status} role="status">
            {statusWord(state.status, cell.role)}
            {!stopped && state.outcome?.exitCode !== undefined && state.outcome.exitCode !== null ? ` · 종료 코드 ${state.outcome.exitCode}` : ''}
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
      {objects.length ? (
        <ul className={styles.objects} data-manifest-objects>
          {objects.map((o) => (
            <li key={`${o.kind}/${o.namespace ?? ''}/${o.name}`} data-object-status={o.status}>
              <code>
                {o.kind}/{o.name}
              </code>{' '}
              {objectWord(o.status)}: {o.message}
              {o.diff ? <pre className={styles.outputPre}>{o.diff}</pre> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {/* A manifest's results are the list above; the runner's text form of the same would say it twice. */}
      {state.output && !(cell.kind === 'manifest' && objects.length) ? <AnsiOutput text={state.output} /> : null}
    </div>
  );
}
