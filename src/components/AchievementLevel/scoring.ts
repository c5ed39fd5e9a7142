/**
 * The week's score from ticked items: each area's weight is shared equally by its items,
 * so ticking every item of 기술적 역량 (40%) adds 40 points. Pure, for the page and its tests.
 */
import { LEVELS, type Level, type WeeklyArea } from './weekly';

export type Ticks = Readonly<Record<string, ReadonlySet<string> | undefined>>;

export interface AreaScore {
  id: string;
  done: number;
  total: number;
  points: number;
}

export function areaScores(areas: readonly WeeklyArea[], ticks: Ticks): AreaScore[] {
  return areas.map((area) => {
    const checked = ticks[area.id];
    const done = area.items.filter((item) => checked?.has(item.id)).length;
    return { id: area.id, done, total: area.items.length, points: area.items.length ? (area.weight * done) / area.items.length : 0 };
  });
}

/** 0-100, not rounded (round only for display, or 89.99 could show as 90 without being 고급). */
export const weeklyScore = (areas: readonly WeeklyArea[], ticks: Ticks): number => areaScores(areas, ticks).reduce((sum, a) => sum + a.points, 0);

/** Floating-point guard: 40 * 2 / 3 + 20 * 3 / 3 ... must not fall short of a threshold by 1e-15. */
const EPSILON = 1e-9;

export function levelFor(score: number): Level | undefined {
  return LEVELS.find((level) => score + EPSILON >= level.min);
}

/** How far the next level is, or undefined at the top. */
export function nextLevel(score: number): { level: Level; missing: number } | undefined {
  const next = [...LEVELS].reverse().find((level) => score + EPSILON < level.min);
  return next ? { level: next, missing: next.min - score } : undefined;
}

export const formatScore = (score: number): string => (Math.abs(score - Math.round(score)) < EPSILON ? String(Math.round(score)) : score.toFixed(1));
