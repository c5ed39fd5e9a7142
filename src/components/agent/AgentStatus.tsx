import React, { useSyncExternalStore, type ReactNode } from 'react';
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

export default function AgentStatus(): ReactNode {
  const { state, unpair, refresh } = useAgent();
  if (state.kind === 'unpaired') {
    return (
      <Link className={styles.status} data-agent-state="unpaired" to="/docs/connect-cluster">
        <span className={styles.dot} aria-hidden="true" /> 에이전트 연결 안 됨
      </Link>
    );
  }
  if (state.kind !== 'connected') {
    const text = state.kind === 'connecting' ? '에이전트 확인 중…' : state.message;
    return (
      <span className={styles.status} data-agent-state={state.kind} title={text}>
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
  const cluster = health.context ? `${health.context} · ${health.namespace ?? 'default'}` : '클러스터 없음';
  return (
    <span
      className={styles.status}
      data-agent-state="connected"
      title={`에이전트 ${health.version}${health.server ? ` · ${health.server}` : ''}${health.reason ? `\n${health.reason}` : ''}`}
    >
      <span className={styles.dot} data-tone={tone} aria-hidden="true" />
      <span className={styles.cluster}>{cluster}</span>
      <BackgroundRuns />
      <button type="button" className={styles.action} data-optional onClick={unpair}>
        연결 해제
      </button>
    </span>
  );
}
