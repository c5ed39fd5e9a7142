import React, { type ReactNode } from 'react';
import { useCheckedLists } from '../Checklist/useChecked';
import { areaScores, formatScore, levelFor, nextLevel, weeklyScore } from './scoring';
import { LEVELS, WEEKLY } from './weekly';
import styles from './styles.module.css';

const LIST_IDS = WEEKLY.map((area) => area.id);

/** The week's score and level, recomputed whenever a weekly item is ticked (here or in another tab). */
export default function AchievementLevel(): ReactNode {
  const { checked, ready } = useCheckedLists(LIST_IDS);
  const score = weeklyScore(WEEKLY, checked);
  const level = levelFor(score);
  const next = nextLevel(score);
  const areas = areaScores(WEEKLY, checked);
  return (
    <section className={styles.panel} aria-labelledby="achievement-level-title" data-ready={ready ? 'true' : 'false'}>
      <h3 id="achievement-level-title" className={styles.heading}>
        나의 성취 수준
      </h3>
      <p className={styles.result} role="status" aria-live="polite" data-score={formatScore(score)} data-level={level?.id ?? 'none'}>
        <strong className={styles.score}>{formatScore(score)}점</strong>{' '}
        {level ? `${level.title} 달성` : '아직 초급(60점) 전'}
        {next ? ` · ${next.level.title}까지 ${formatScore(next.missing)}점` : ''}
      </p>
      <table className={styles.table}>
        <thead>
          <tr>
            <th scope="col">영역</th>
            <th scope="col">확인한 항목</th>
            <th scope="col">점수</th>
          </tr>
        </thead>
        <tbody>
          {WEEKLY.map((area, index) => (
            <tr key={area.id}>
              <th scope="row">
                {area.title} ({area.weight}%)
              </th>
              <td>
                {areas[index]!.done}/{areas[index]!.total}
              </td>
              <td>
                {formatScore(areas[index]!.points)}/{area.weight}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className={styles.levels}>
        {LEVELS.map((l) => (
          <li key={l.id} data-level-id={l.id} aria-current={l.id === level?.id ? 'true' : undefined} className={l.id === level?.id ? styles.current : undefined}>
            <strong>
              {l.title} ({l.min}점 이상)
            </strong>
            : {l.descriptions.join(', ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
