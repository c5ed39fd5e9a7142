/** Small helpers for the bench: percentiles, timing, formatting, and the goal lines. */

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: p50 of 200 runs is the 100th value, no interpolation to argue about.
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export interface Timing {
  p50: number;
  p95: number;
  min: number;
  max: number;
  runs: number;
}

export function summarize(samples: readonly number[]): Timing {
  return {
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    min: Math.min(...samples),
    max: Math.max(...samples),
    runs: samples.length,
  };
}

/** Runs `once` `warmup` times unmeasured, then `runs` times measured (milliseconds each). */
export async function measure(runs: number, warmup: number, once: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < warmup; i += 1) await once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await once();
    samples.push(performance.now() - start);
  }
  return samples;
}

/** Columns a string takes in a terminal: Hangul and other wide characters take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(char) ? 2 : 1;
  return width;
}

export const padDisplay = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

export const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
export const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

export function timingLine(label: string, t: Timing): string {
  return `${padDisplay(label, 52)} p50 ${ms(t.p50).padStart(10)}   p95 ${ms(t.p95).padStart(10)}   (${t.runs}회)`;
}

export interface Goal {
  name: string;
  pass: boolean | undefined;
  detail: string;
}

export function goalLine(goal: Goal): string {
  const verdict = goal.pass === undefined ? 'SKIP' : goal.pass ? 'PASS' : 'FAIL';
  return `${verdict.padEnd(5)} ${goal.name}: ${goal.detail}`;
}
