import React, { type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import type { AgentState } from '../agent/client';
import InlineCode from '../agent/InlineCode';
import NoAgentHint from './NoAgentHint';
import styles from './styles.module.css';

/**
 * Why the cells of this page cannot run, said once per page with the one path out. Built on the
 * agent states client.ts exposes: unpaired, connecting, offline, unauthorized, connected (with
 * health.allowed false and context null when the agent finds no cluster).
 */
export default function PageNotice({ state }: { state: AgentState }): ReactNode {
  switch (state.kind) {
    case 'unpaired':
      return <NoAgentHint />;
    case 'connecting':
      return null;
    case 'offline':
      return (
        <div className={styles.notice} role="note" data-page-notice="offline">
          <p>
            <strong>에이전트가 꺼져 있습니다.</strong> 저장소 폴더의 터미널에서 <code>npm run agent</code>를 실행한 뒤 새로 출력된 연결 링크를
            여세요. 사이트는 그대로 두어도 됩니다.
          </p>
        </div>
      );
    case 'unauthorized':
      return (
        <div className={styles.notice} role="note" data-page-notice="stale-pairing">
          <p>
            <strong>이 페이지의 연결이 오래되었습니다.</strong> 에이전트가 다시 시작되어 예전 연결 토큰을 더 이상 받지 않습니다. 에이전트 터미널에
            새로 출력된 연결 링크(<code>…/docs/connect-cluster#agent=…</code>)를 이 브라우저에서 여세요.
          </p>
        </div>
      );
    case 'connected': {
      const { health } = state;
      if (health.allowed) return null;
      if (!health.context) {
        return (
          <div className={styles.notice} role="note" data-page-notice="no-cluster">
            <p>
              <strong>에이전트가 클러스터를 찾지 못했습니다.</strong> 셀을 실행하려면 다음 순서로 하세요.
            </p>
            <ol>
              <li>
                클러스터를 만듭니다: Docker가 있으면 <code>kind create cluster --config scripts/cluster/kind-config.yaml</code>, 없으면{' '}
                <code>npm run cluster:up</code>.
              </li>
              <li>
                <code>npm run cluster:up</code>이 출력한 <code>export KUBECONFIG=…</code>를 에이전트를 띄울 터미널에서 실행합니다 (kind는 이 단계가
                필요 없습니다).
              </li>
              <li>
                에이전트를 멈추고(Ctrl-C) 같은 터미널에서 <code>npm run agent</code>로 다시 시작한 뒤, 새로 출력된 연결 링크를 여세요. 에이전트는 시작할 때의
                환경 변수만 봅니다.
              </li>
            </ol>
            <p>
              자세한 설명: <Link to="/docs/connect-cluster">내 클러스터 연결하기</Link>
            </p>
          </div>
        );
      }
      return (
        <div className={styles.notice} role="note" data-page-notice="not-allowed">
          <p>
            <InlineCode text={health.reason ?? '에이전트가 이 클러스터에서는 셀을 실행하지 않습니다.'} />
          </p>
        </div>
      );
    }
  }
}
