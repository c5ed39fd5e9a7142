import { describe, expect, it } from 'vitest';
import { areaScores, formatScore, levelFor, nextLevel, weeklyScore } from './scoring';
import { LEVELS, WEEKLY } from './weekly';

const all = (id: string) => new Set(WEEKLY.find((a) => a.id === id)!.items.map((i) => i.id));

describe('the weekly assessment data', () => {
  it('is the seed: four areas weighted 40/30/20/10 with three items each, levels 60/75/90', () => {
    expect(WEEKLY.map((a) => [a.title, a.weight, a.items.length])).toEqual([
      ['기술적 역량', 40, 3],
      ['협업 및 소통', 30, 3],
      ['창의성 및 응용', 20, 3],
      ['학습 태도', 10, 3],
    ]);
    expect(WEEKLY.reduce((sum, a) => sum + a.weight, 0)).toBe(100);
    expect(LEVELS.map((l) => [l.title, l.min])).toEqual([
      ['고급', 90],
      ['중급', 75],
      ['초급', 60],
    ]);
  });
});

describe('the weekly score', () => {
  it('shares each area weight among its items', () => {
    const ticks = { 'weekly-technical': new Set(['architecture']), 'weekly-attitude': all('weekly-attitude') };
    expect(areaScores(WEEKLY, ticks).map((a) => [a.id, a.done, formatScore(a.points)])).toEqual([
      ['weekly-technical', 1, '13.3'],
      ['weekly-collaboration', 0, '0'],
      ['weekly-creativity', 0, '0'],
      ['weekly-attitude', 3, '10'],
    ]);
    expect(formatScore(weeklyScore(WEEKLY, ticks))).toBe('23.3');
  });

  it('ignores ticks of items no longer on the page', () => {
    expect(weeklyScore(WEEKLY, { 'weekly-technical': new Set(['removed-item']) })).toBe(0);
  });

  it('reaches each level exactly at its threshold and says how far the next one is', () => {
    const everything = Object.fromEntries(WEEKLY.map((a) => [a.id, all(a.id)]));
    expect(weeklyScore(WEEKLY, everything)).toBe(100);
    expect(levelFor(100)?.title).toBe('고급');
    // 40 + 30 + 20 = 90: 고급 without 학습 태도.
    const ninety = { ...everything, 'weekly-attitude': new Set<string>() };
    expect(levelFor(weeklyScore(WEEKLY, ninety))?.title).toBe('고급');
    // 40 + 20/3*2 + 30 = 83.3: 중급, 6.7 short of 고급.
    const eighty = { 'weekly-technical': all('weekly-technical'), 'weekly-collaboration': all('weekly-collaboration'), 'weekly-creativity': new Set(['original', 'trends']) };
    const score = weeklyScore(WEEKLY, eighty);
    expect(levelFor(score)?.title).toBe('중급');
    expect(formatScore(nextLevel(score)!.missing)).toBe('6.7');
    expect(levelFor(59.99)).toBeUndefined();
    expect(levelFor(60)?.title).toBe('초급');
    expect(nextLevel(100)).toBeUndefined();
  });
});
