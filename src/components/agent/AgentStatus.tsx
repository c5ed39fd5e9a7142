import React, { useSyncExternalStore, type ReactNode } from 'react';
import clsx from 'clsx';
import Link from '@docusaurus/Link';
import { useAgent } from './AgentContext';
import { backgroundStore, stopAllBackground } from './backgroundRuns';
import styles from './AgentStatus.module.css';

/** Navbar indicator: is an agent paired and reachable, which cluster and namespace it will use. */
function BackgroundRuns(): ReactNode {
  const running = useSyncExternalStore(backgroundStore.subscribe, backgroundStore.getSnapshot, backgroundStore.getServerSnapshot);
  if (running.length === 0) return null;
  return (
    <button type="button" className={styles.action} title={`실행 중인 백그라운드 셀: ${running.join(', ')}`} onClick={stopAllBackground} data-action="stop-background">
      백그라운드 {running.length}개 중지
    </button>
  );
}

export interface AgentStatusProps {
  /**
   * Set by Docusaurus when it renders the navbar items again in the mobile menu. The bar then
   * keeps only the state and cluster (narrow screens have no room for buttons) and the menu holds
   * the whole status with its actions, as a list item of the menu's list.
   */
  mobile?: boolean;
  /** Closes the mobile menu (given with `mobile`): a link that navigates should not leave it open. */
  onClick?: () => void;
}

function StatusBody({ onNavigate }: { onNavigate?: () => void }): ReactNode {
  const { state, unpair, refresh } = useAgent();
  if (state.kind === 'unpaired') {
    return (
      <Link className={styles.link} data-agent-state="unpaired" to="/docs/connect-cluster" onClick={onNavigate}>
        <span className={styles.dot} aria-hidden="true" /> 에이전트 연결 안 됨
      </Link>
    );
  }
  if (state.kind !== 'connected') {
    const text = state.kind === 'connecting' ? '에이전트 확인 중…' : state.message;
    return (
      <span className={styles.state} data-agent-state={state.kind} title={text}>
        <span className={styles.dot} data-tone="bad" aria-hidden="true" />
        <span className={styles.label}>{state.kind === 'connecting' ? '확인 중' : state.kind === 'unauthorized' ? '연결이 오래됨' : '에이전트 꺼짐'}</span>
        <button type="button" className={styles.action} onClick={refresh}>
          다시 확인
        </button>
        <button type="button" className={styles.action} onClick={unpair}>
          연결 해제
        </button>
      </span>
    );
  }
  const { health } = state;
  const tone = health.allowed ? 'good' : 'warn';
  return (
    <span
      className={styles.state}
      data-agent-state="connected"
      title={`에이전트 ${health.version}${health.server ? ` · ${health.server}` : ''}${health.reason ? `\n${health.reason}` : ''}`}
    >
      <span className={styles.dot} data-tone={tone} aria-hidden="true" />
      {health.context ? (
        <span className={styles.cluster}>
          <span>{health.context}</span> <span className={styles.namespace}>{`· ${health.namespace ?? 'default'}`}</span>
        </span>
      ) : (
        <span className={styles.cluster}>클러스터 없음</span>
      )}
      <BackgroundRuns />
      <button type="button" className={styles.action} data-optional onClick={unpair}>
        연결 해제
      </button>
    </span>
  );
}

export default function AgentStatus({ mobile, onClick }: AgentStatusProps): ReactNode {
  if (mobile) {
    return (
      <li className={clsx('menu__list-item', styles.status, styles.inMenu)} data-agent-place="menu">
        <StatusBody onNavigate={onClick} />
      </li>
    );
  }
  return (
    <div className={clsx(styles.status, styles.inBar)} data-agent-place="navbar">
      <StatusBody />
    </div>
  );
}
