import React, { type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import styles from './styles.module.css';

/** What a reader without a paired agent can do instead of pressing run. */
export default function NoAgentHint(): ReactNode {
  return (
    <p className={styles.agentHint} data-no-agent-hint>
      에이전트가 연결되지 않아 여기서 실행할 수 없습니다. 복사해서 터미널에서 실행하거나, <Link to="/docs/connect-cluster">내 클러스터를 연결</Link>하세요.
    </p>
  );
}

/** A session page's cell while the agent has no cluster it may use: short, with the one place to read why. */
export function CellBlocked(): ReactNode {
  return (
    <p className={styles.agentHint} data-cell-blocked>
      에이전트가 쓸 수 있는 클러스터가 없어 실행할 수 없습니다. <Link to="/docs/connect-cluster">내 클러스터 연결하기</Link>를 보세요.
    </p>
  );
}
