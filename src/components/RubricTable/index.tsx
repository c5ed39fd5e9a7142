import React, { type ReactNode } from 'react';
import { AREAS, CRITERIA, HUMAN_POINTS, MACHINE_POINTS, sumPoints } from '../../rubric/catalog';
import type { RubricCheck } from '../../rubric/types';
import styles from './styles.module.css';

function ChecksCell({ checks }: { checks: readonly RubricCheck[] }): ReactNode {
  if (checks.length === 0) return <td>없음</td>;
  return (
    <td>
      <strong>{`${sumPoints(checks)}점`}</strong>
      <ul>
        {checks.map((c) => (
          <li key={c.id}>{`${c.title} (${c.points}점): ${c.how}`}</li>
        ))}
      </ul>
    </td>
  );
}

/** The rubric as `npm run rubric` scores it: the same catalog, so page and scorer cannot drift. */
export default function RubricTable(): ReactNode {
  return (
    <div className={styles.wrap} role="region" aria-label="평가 기준표" tabIndex={0}>
      <p>
        자동 채점 <strong>{`${MACHINE_POINTS}점`}</strong> · 사람 평가 <strong>{`${HUMAN_POINTS}점`}</strong> · {`합계 ${MACHINE_POINTS + HUMAN_POINTS}점`}
      </p>
      {AREAS.map((area) => (
        <table key={area.id} className={styles.table} data-area={area.id}>
          <caption>{`${area.title} (${area.points}점)`}</caption>
          <thead>
            <tr>
              <th scope="col">평가 항목</th>
              <th scope="col">자동 채점</th>
              <th scope="col">사람 평가</th>
            </tr>
          </thead>
          <tbody>
            {CRITERIA.filter((c) => c.area === area.id).map((criterion) => {
              const machine = criterion.checks.filter((c) => c.judge === 'machine');
              const human = criterion.checks.filter((c) => c.judge === 'human');
              return (
                <tr key={criterion.id} data-criterion={criterion.id}>
                  <th scope="row">{`${criterion.title} (${criterion.points}점)`}</th>
                  <ChecksCell checks={machine} />
                  <ChecksCell checks={human} />
                </tr>
              );
            })}
          </tbody>
        </table>
      ))}
    </div>
  );
}
