/** The final project's rubric: the catalog (pure), the scorer (pure), and the cluster reader. */
export * from './types';
export { AREAS, BONUS, CRITERIA, MACHINE_POINTS, HUMAN_POINTS } from './catalog';
export type { ClusterSnapshot, AccessAnswer } from './snapshot';
export { emptySnapshot } from './snapshot';
export { scoreRubric, environmentsFor } from './score';
export { gatherSnapshot, RubricGatherError } from './gather';
export { formatHuman, formatJson, type RubricFormat } from './format';
