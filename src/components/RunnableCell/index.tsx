import React, { type ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import Link from '@docusaurus/Link';
import { flagLabels, roleLabel } from './labels';
import type { RunnableCellProps } from './types';
import styles from './styles.module.css';

/**
 * A cell of the course: the code (with the theme's copy button), what kind of cell it
 * is, and its expected output for readers without a cluster. Running it through the
 * local agent is added on top of this static rendering.
 */
export default function RunnableCell(props: RunnableCellProps): ReactNode {
  const labels = flagLabels(props.flags);
  return (
    <figure className={styles.cell} data-cell-id={props.id} data-cell-hash={props.hash} data-cell-kind={props.kind}>
      <figcaption className={styles.header}>
        <span className={styles.role} data-role={props.kind === 'manifest' ? 'manifest' : (props.role ?? 'run')}>
          {roleLabel(props)}
        </span>
        {labels.map((label) => (
          <span key={label} className={styles.flag}>
            {label}
          </span>
        ))}
        {props.objects ? <span className={styles.objects}>{props.objects}</span> : null}
        <code className={styles.id} title="셀 id">
          {props.id}
        </code>
      </figcaption>
      <CodeBlock language={props.language === 'yml' ? 'yaml' : props.language} metastring={props.displayMeta}>
        {props.source}
      </CodeBlock>
      {props.ciSkipReason ? <p className={styles.note}>CI에서는 건너뜁니다: {props.ciSkipReason}</p> : null}
      {props.expectInvalid ? (
        <p className={styles.note}>
          이 매니페스트는 일부러 틀렸습니다. API 서버가 “{props.expectInvalid}” 오류로 거부해야 합니다.
        </p>
      ) : null}
      {props.expectedOutput ? (
        <div className={styles.output}>
          <div className={styles.outputTitle}>예상 출력</div>
          <CodeBlock language="text">{props.expectedOutput}</CodeBlock>
        </div>
      ) : null}
      <p className={styles.agentHint}>
        에이전트가 연결되지 않아 실행할 수 없습니다. 복사해서 터미널에서 실행하거나,{' '}
        <Link to="/docs/connect-cluster">내 클러스터를 연결</Link>하세요.
      </p>
    </figure>
  );
}
