/**
 * `npx tsx scripts/bench/lighthouse-ab.ts --before DIR [--after DIR] [--runs N] /docs/day2/lab ...`:
 * mobile Lighthouse of two builds of the site, alternating a run of each, so both meet the same
 * machine load (a 2-core machine shared with other work moves single scores by 30 points). Prints
 * the median of each with the load average while it ran. Before/after checks of a page-speed change.
 */
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BUILD_DIR, runLighthouse, type LighthouseScores } from './site';
import { percentile } from './stats';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { before: { type: 'string' }, after: { type: 'string' }, runs: { type: 'string', default: '5' } },
});
if (!values.before) throw new Error('--before DIR (예전 빌드)가 필요합니다');
const builds = { before: path.resolve(values.before), after: path.resolve(values.after ?? DEFAULT_BUILD_DIR) } as const;
const pages = positionals.length > 0 ? positionals : ['/docs/day2/lab'];
const runs = Number(values.runs);
const quiet = (): void => undefined;

for (const page of pages) {
  const scores: Record<keyof typeof builds, LighthouseScores[]> = { before: [], after: [] };
  const loads: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    for (const side of ['before', 'after'] as const) {
      loads.push(loadavg()[0]!);
      const [result] = await runLighthouse(builds[side], [page], { runs: 1, formFactor: 'mobile', log: quiet });
      scores[side].push(result!);
    }
  }
  const line = (side: keyof typeof builds): string => {
    const list = scores[side];
    const perf = percentile(list.map((s) => s.performance), 50);
    const tbt = percentile(list.map((s) => s.numeric.tbtMs), 50);
    return `${side.padEnd(6)} 성능 ${perf} (각 회 ${list.map((s) => s.performance).join(' ')}), TBT 중앙값 ${tbt.toFixed(0)} ms (${list.map((s) => s.numeric.tbtMs.toFixed(0)).join(' ')}), CLS 최대 ${Math.max(...list.map((s) => s.numeric.cls))}`;
  };
  console.log(`${page}  (load average ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)})\n  ${line('before')}\n  ${line('after')}`);
}
