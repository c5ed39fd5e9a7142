/** The final project's rubric: what is scored, by whom, and the report a scoring run produces. */

export type AreaId = 'functionality' | 'security' | 'operability' | 'stability';

/** Who can judge a check: the cluster state (machine) or a reviewer (presentation, demo, code review). */
export type Judge = 'machine' | 'human';

export interface RubricArea {
  id: AreaId;
  title: string;
  points: number;
}

export interface RubricCheck {
  id: string;
  title: string;
  points: number;
  judge: Judge;
  /** Korean: what the machine looks at, or what a reviewer judges. */
  how: string;
}

/** One line of the seed's rubric (`- [ ] 클러스터 정상 구축 및 HA 구성 (10점)`), split into checks. */
export interface RubricCriterion {
  id: string;
  area: AreaId;
  /** The seed's wording. */
  title: string;
  points: number;
  checks: RubricCheck[];
}

export interface BonusCriterion {
  id: string;
  title: string;
  points: number;
  /** The seed's items; any of them earns the bonus, judged by reviewers. */
  items: string[];
}

/** One scored piece of a machine check, e.g. "fp-dev: 기본 차단" worth 2 points. */
export interface PartResult {
  label: string;
  points: number;
  ok: boolean;
  /** Korean: what is missing, when not ok. */
  missing?: string;
}

export interface CheckResult {
  id: string;
  title: string;
  judge: Judge;
  how: string;
  possible: number;
  /** Always 0 for human checks: the machine does not pretend to judge them. */
  earned: number;
  parts: PartResult[];
}

export interface CriterionResult {
  id: string;
  title: string;
  points: number;
  machinePossible: number;
  machineEarned: number;
  humanPoints: number;
  checks: CheckResult[];
}

export interface AreaResult {
  id: AreaId;
  title: string;
  points: number;
  machinePossible: number;
  machineEarned: number;
  humanPoints: number;
  criteria: CriterionResult[];
}

export interface RubricTotals {
  machineEarned: number;
  machinePossible: number;
  humanPossible: number;
  /** 100: machine + human. */
  total: number;
  bonusPossible: number;
}

export interface RubricReport {
  prefix: string;
  namespaces: { dev: string; staging: string; prod: string };
  context?: string;
  areas: AreaResult[];
  bonus: BonusCriterion[];
  totals: RubricTotals;
  /** Korean: things that limited the check (a CRD not installed ...), not scoring failures themselves. */
  notes: string[];
}
