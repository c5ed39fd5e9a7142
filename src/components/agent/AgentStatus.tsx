import React, { type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useAgent } from './AgentContext';
import styles from './AgentStatus.module.css';

/** Navbar indicator: is an agent paired and reachable, which cluster and namespace it will use. */
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
        {state.kind === 'connecting' ? '확인 중' : '에이전트 오프라인'}
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
      <button type="button" className={styles.action} onClick={unpair}>
        연결 해제
      </button>
    </span>
  );
}
