/**
 * `npm run bench:lighthouse -- [--runs N] [--desktop] /docs/day2/lab ...`: Lighthouse only, on the
 * existing ./build (or BENCH_BUILD_DIR), with the median of N runs per page. For checking a change
 * to page weight or hydration without the whole `npm run bench`.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_BUILD_DIR, runLighthouse } from './site';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '5' }, desktop: { type: 'boolean', default: false } },
});
const pages = positionals.length > 0 ? positionals : ['/docs/day2/lab'];
const results = await runLighthouse(DEFAULT_BUILD_DIR, pages, {
  runs: Number(values.runs),
  formFactor: values.desktop ? 'desktop' : 'mobile',
  log: (line) => console.log(line),
});
for (const s of results) {
  const metrics = Object.entries(s.metrics).map(([name, value]) => `${name} ${value}`).join(', ');
  console.log(`중앙값 ${s.formFactor} ${s.path}: 성능 ${s.performance}, 접근성 ${s.accessibility} (${metrics})  보고서: ${s.reportFile}`);
}
