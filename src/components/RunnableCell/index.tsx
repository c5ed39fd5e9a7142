import React, { useEffect, useMemo, useState, type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import { cellNeedsNote, needsFromAttribute } from '../../core/needs';
import CodeSnippet from '../CodeSnippet';
import { useAgent } from '../agent/AgentContext';
import { trackBackground } from '../agent/backgroundRuns';
import CellControls from './CellControls';
import { registerCell } from './cellStore';
import { flagLabels, roleLabel } from './labels';
import NoAgentHint, { CellBlocked } from './NoAgentHint';
import Pre from '../Scrollable/Pre';
import type { RunnableCellProps } from './types';
import { useCellRun } from './useCellRun';
import styles from './styles.module.css';

/** After the unmet needs' reasons: what the buttons (and, in a notebook, run-all) will do with such a cell. */
const UNMET_ANYWAY = '"그래도 …" 버튼으로 직접 실행할 수는 있지만 이 클러스터에서는 실패하거나 설명과 다르게 동작합니다.';
const EXPECTED_BELOW = ' 예상 출력은 아래에 있습니다.';
const UNMET_RUN_ALL = '"셀 모두 실행"은 이 셀을 건너뜁니다.';

/**
 * A cell of the course: the code (highlighted at build time, with a copy button), what kind of cell
 * it is, its expected output for readers without a cluster, and, with a paired
 * agent, the controls that run it against the reader's cluster.
 */
export default function RunnableCell(props: RunnableCellProps): ReactNode {
  const { state: agent, capabilities } = useAgent();
  const run = useCellRun(props.id, props.hash);
  const needs = useMemo(() => needsFromAttribute(props.needs), [props.needs]);
  // Only with an agent that may run here and has looked at the cluster: unknown says nothing extra.
  const usable = agent.kind === 'connected' && agent.health.allowed;
  const unmet = usable ? cellNeedsNote(needs, capabilities, props.needsReason) : undefined;
  const noteId = `needs-${props.id}`;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(props.source);
  const edited = draft !== props.source;
  const { start, skip } = run;
  useEffect(
    () =>
      registerCell(props.id, {
        kind: props.kind,
        role: props.role,
        flags: (props.flags ?? '').split(' ').filter(Boolean),
        needs,
        needsReason: props.needsReason,
        start: (action) => start(action, edited ? draft : undefined),
        skip,
      }),
    [props.id, props.kind, props.role, props.flags, needs, props.needsReason, start, skip, edited, draft],
  );
  const runningBackground = props.role === 'background' && (run.state.status === 'running' || run.state.status === 'queued');
  const { cancel } = run;
  useEffect(() => (runningBackground ? trackBackground(props.id, cancel) : undefined), [runningBackground, props.id, cancel]);
  const labels = flagLabels(props.flags);
  const language = props.language === 'yml' ? 'yaml' : props.language;
  return (
    <figure className={styles.cell} data-cell-id={props.id} data-cell-hash={props.hash} data-cell-kind={props.kind} data-cell-role={props.role}>
      <figcaption className={styles.header}>
        <span className={styles.role} data-role={props.kind === 'manifest' ? 'manifest' : (props.role ?? 'run')}>
          {roleLabel(props)}
        </span>
        {labels.map((label) => (
          <span key={label} className={styles.flag}>
            {label}
          </span>
        ))}
        {edited ? <span className={styles.flag} data-edited>수정됨</span> : null}
        {props.objects ? <span className={styles.objects}>{props.objects}</span> : null}
        <code className={styles.id} title="셀 id">
          {props.id}
        </code>
      </figcaption>
      {editing ? (
        <textarea
          className={styles.editor}
          aria-label={`셀 ${props.id} 편집`}
          value={draft}
          spellCheck={false}
          rows={Math.min(30, draft.split('\n').length + 1)}
          onChange={(event) => setDraft(event.target.value)}
        />
      ) : props.html && !edited ? (
        <CodeSnippet code={props.source} html={props.html} language={language} metastring={props.displayMeta} />
      ) : (
        // Only an edited cell (or one with per-line highlighting) pays for highlighting in the browser.
        <CodeBlock language={language} metastring={props.displayMeta}>
          {draft}
        </CodeBlock>
      )}
      {unmet ? (
        <p className={styles.unmet} role="note" id={noteId} data-cell-unmet-needs={unmet.unmet.map((u) => u.need).join(',')}>
          {unmet.message} {props.inNotebook ? `${UNMET_RUN_ALL} ` : ''}
          {UNMET_ANYWAY}
          {props.expectedOutput ? EXPECTED_BELOW : ''}
        </p>
      ) : props.needs ? (
        <p className={styles.note}>
          이 셀에 필요한 것(needs): {props.needs}
          {props.needsReason ? ` — ${props.needsReason}` : ''}
        </p>
      ) : null}
      {props.expectInvalid ? (
        <p className={styles.note}>이 매니페스트는 일부러 틀렸습니다. API 서버가 “{props.expectInvalid}” 오류로 거부해야 합니다.</p>
      ) : null}
      {agent.kind === 'connected' && !agent.health.allowed ? (
        // A notebook says why once, above its toolbar; a session page with a few cells, one short line each.
        props.inNotebook ? null : <CellBlocked />
      ) : agent.kind === 'connected' ? (
        <>
          <div className={styles.editButtons}>
            <button type="button" className="button button--sm button--outline button--secondary" aria-label={`${editing ? '편집 닫기' : '편집'}: ${props.id}`} onClick={() => setEditing((e) => !e)}>
              {editing ? '편집 닫기' : '편집'}
            </button>
            {edited ? (
              <button type="button" className="button button--sm button--outline button--secondary" aria-label={`원래대로: ${props.id}`} onClick={() => setDraft(props.source)}>
                원래대로
              </button>
            ) : null}
          </div>
          <CellControls
            cell={props}
            state={run.state}
            edited={edited}
            unmetNote={unmet ? noteId : undefined}
            onStart={(action) => void run.start(action, edited ? draft : undefined)}
            onCancel={run.cancel}
          />
        </>
      ) : props.inNotebook ? null : (
        // A notebook says this once, in its toolbar; a session page with a few cells says it per cell.
        <NoAgentHint />
      )}
      {props.expectedOutput && (run.state.status === 'idle' || run.state.status === 'skipped') ? (
        <div className={styles.output}>
          <div className={styles.outputTitle}>예상 출력</div>
          {/* Plain text needs no highlighter: a <pre> keeps long lab pages cheap to hydrate. */}
          <Pre className={styles.expected}>{props.expectedOutput}</Pre>
        </div>
      ) : null}
    </figure>
  );
}
