/** Pure scoring: a cluster snapshot in, the rubric report out. */
import { peopleFor, type Environments } from './access';
import { AREAS, BONUS, CRITERIA, HUMAN_POINTS, MACHINE_POINTS, sumPoints } from './catalog';
import { MACHINE_CHECKS, type CheckContext } from './checks';
import type { ClusterSnapshot } from './snapshot';
import type { AreaResult, CheckResult, CriterionResult, RubricCheck, RubricReport } from './types';

export const environmentsFor = (prefix: string): Environments => ({ dev: `${prefix}-dev`, staging: `${prefix}-staging`, prod: `${prefix}-prod` });

/** Parts must add up to the catalog's points, or the rubric itself is wrong (a bug, not a score). */
function scoreCheck(check: RubricCheck, ctx: CheckContext): CheckResult {
  const base = { id: check.id, title: check.title, judge: check.judge, how: check.how, possible: check.points };
  if (check.judge === 'human') return { ...base, earned: 0, parts: [] };
  const run = MACHINE_CHECKS[check.id];
  if (!run) throw new Error(`rubric: no machine check for ${check.id}`);
  const parts = run(ctx);
  if (sumPoints(parts) !== check.points) throw new Error(`rubric: parts of ${check.id} add up to ${sumPoints(parts)}, not ${check.points}`);
  return { ...base, earned: sumPoints(parts.filter((p) => p.ok)), parts };
}

const machine = (checks: readonly CheckResult[]) => checks.filter((c) => c.judge === 'machine');

export function scoreRubric(snapshot: ClusterSnapshot, options: { prefix: string; context?: string }): RubricReport {
  const env = environmentsFor(options.prefix);
  const ctx: CheckContext = { snapshot, prefix: options.prefix, env, people: peopleFor(options.prefix) };
  const criteria: CriterionResult[] = CRITERIA.map((criterion) => {
    const checks = criterion.checks.map((c) => scoreCheck(c, ctx));
    return {
      id: criterion.id,
      title: criterion.title,
      points: criterion.points,
      machinePossible: sumPoints(machine(checks).map((c) => ({ points: c.possible }))),
      machineEarned: machine(checks).reduce((sum, c) => sum + c.earned, 0),
      humanPoints: sumPoints(checks.filter((c) => c.judge === 'human').map((c) => ({ points: c.possible }))),
      checks,
    };
  });
  const areas: AreaResult[] = AREAS.map((area) => {
    const own = criteria.filter((c) => CRITERIA.find((k) => k.id === c.id)!.area === area.id);
    return {
      id: area.id,
      title: area.title,
      points: area.points,
      machinePossible: own.reduce((sum, c) => sum + c.machinePossible, 0),
      machineEarned: own.reduce((sum, c) => sum + c.machineEarned, 0),
      humanPoints: own.reduce((sum, c) => sum + c.humanPoints, 0),
      criteria: own,
    };
  });
  const notes = snapshot.missingKinds.map((kind) => `클러스터에 ${kind} CRD가 없어 그 리소스를 쓰는 항목은 0점입니다.`);
  return {
    prefix: options.prefix,
    namespaces: env,
    context: options.context,
    areas,
    bonus: [...BONUS],
    totals: {
      machineEarned: areas.reduce((sum, a) => sum + a.machineEarned, 0),
      machinePossible: MACHINE_POINTS,
      humanPossible: HUMAN_POINTS,
      total: MACHINE_POINTS + HUMAN_POINTS,
      bonusPossible: sumPoints(BONUS),
    },
    notes,
  };
}
