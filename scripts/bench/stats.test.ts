import { describe, expect, it } from 'vitest';
import { displayWidth, percentile, summarize } from './stats';

describe('bench statistics', () => {
  it('takes percentiles by nearest rank', () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(percentile(samples, 50)).toBe(100);
    expect(percentile(samples, 95)).toBe(190);
    expect(percentile([7], 95)).toBe(7);
    expect(summarize([3, 1, 2])).toMatchObject({ p50: 2, min: 1, max: 3, runs: 3 });
  });

  it('counts Hangul as two terminal columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('에이전트 p50')).toBe(12);
  });
});
