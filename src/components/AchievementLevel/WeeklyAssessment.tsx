import React, { type ReactNode } from 'react';
import Checklist, { ChecklistItem } from '../Checklist';
import { WEEKLY } from './weekly';

/** The four weekly areas as checklists; their weights drive <AchievementLevel />. */
export default function WeeklyAssessment(): ReactNode {
  return (
    <>
      {WEEKLY.map((area) => (
        <Checklist key={area.id} id={area.id} title={`${area.title} (${area.weight}%)`} weight={area.weight}>
          {area.items.map((item) => (
            <ChecklistItem key={item.id} id={item.id} label={item.label} />
          ))}
        </Checklist>
      ))}
    </>
  );
}
