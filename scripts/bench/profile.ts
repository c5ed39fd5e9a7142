/**
 * `npx tsx scripts/bench/profile.ts [/docs/day2/challenge ...]`: where a page's main thread goes
 * on first load, on the existing ./build (or BENCH_BUILD_DIR), in Debian's Chromium with the CPU
 * slowed 4x like Lighthouse's mobile run. Prints the JavaScript self time by script and by
 * function (V8 sampling profiler) and the long tasks (> 50 ms); saves the .cpuprofile (open it
 * in Chrome DevTools, Performance) under test-results/bench/profile/. Also records a trace and
 * breaks every long task of the renderer's main thread down by what ran inside it (HTML parsing,
 * script, style, layout, idle callbacks), since the JS profile alone shows layout as "(program)".
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../src/browser/chromium';
import { serveBuild } from '../serve-build';
import { DEFAULT_BUILD_DIR, ROOT } from './site';
import { cpuBlockingTime, longTaskBreakdown, type TraceEvent } from './trace-tasks';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * PROFILE_CPU_RATE=1 profiles at the machine's own speed and also prints the blocking time from the
 * tasks' CPU time x 4 (cpuBlockingTime), the number to compare builds with on a loaded machine.
 * Under Chromium's CPU throttling the thread time includes the throttling, so only at rate 1.
 */
const CPU_RATE = Number(process.env.PROFILE_CPU_RATE ?? 4);
const pages = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['/docs/day2/challenge'];
const outDir = path.join(ROOT, 'test-results', 'bench', 'profile');
mkdirSync(outDir, { recursive: true });
const served = await serveBuild({ dir: DEFAULT_BUILD_DIR });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
try {
  for (const pagePath of pages) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await page.addInitScript(() => {
      (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.push({ start: entry.startTime, duration: entry.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'] });
    await page.goto(`${served.url}${pagePath}`, { waitUntil: 'load' });
    // Polled rarely: a locator's wait runs Playwright's selector engine in the page every frame,
    // which showed up in the profile as ~180 ms of querySelectorAll on a lab page.
    await page.waitForFunction(() => document.documentElement.dataset.hasHydrated === 'true', undefined, { polling: 500 });
    await page.waitForTimeout(3000);
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    if (process.env.PROFILE_TRACE_OUT) writeFileSync(process.env.PROFILE_TRACE_OUT, JSON.stringify(trace));
    const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks);
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
    await context.close();
    const file = path.join(outDir, `${pagePath.replace(/\W+/g, '-').replace(/^-/, '')}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));

    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const selfByNode = new Map<number, number>();
    profile.samples.forEach((id, i) => selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
    const byScript = new Map<string, number>();
    const byFunction = new Map<string, number>();
    for (const [id, ms] of selfByNode) {
      const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
      const script = url ? path.basename(new URL(url, 'http://x').pathname) : `(${functionName || 'native'})`;
      if (['(idle)', '(program)'].includes(script)) continue;
      byScript.set(script, (byScript.get(script) ?? 0) + ms);
      const fn = `${functionName || '(anonymous)'} ${script}:${lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    }
    const top = (m: Map<string, number>, n: number): string[] =>
      [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0).padStart(6)} ms  ${k}`);
    const blocking = longTasks.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
    console.log(`\n== ${pagePath} (CPU ${CPU_RATE}배 느리게; 요소 ${elements}개; 긴 작업 ${longTasks.length}개, 50 ms 넘는 부분 합 ${blocking.toFixed(0)} ms)`);
    console.log(`  긴 작업: ${longTasks.map((t) => `${t.start.toFixed(0)}+${t.duration.toFixed(0)}`).join(', ')}`);
    if (CPU_RATE === 1) {
      const cpu = cpuBlockingTime(trace.traceEvents);
      console.log(`  CPU 시간(스레드 시간) x 4 기준: 긴 작업 ${cpu.longTasks}개, 50 ms 넘는 부분 합 ${cpu.blockingMs.toFixed(0)} ms (부하에 덜 흔들리는 전후 비교용)`);
    }
    console.log('  긴 작업 안에서 시간이 간 곳 (trace, 작업 시작 ms+길이: 종류별 ms):');
    for (const task of longTaskBreakdown(trace.traceEvents)) {
      console.log(`    ${task.start.toFixed(0)}+${task.duration.toFixed(0)}: ${task.parts.map(([name, ms]) => `${name} ${ms.toFixed(0)}`).join(', ')}`);
    }
    console.log('  스크립트별 JS 자체 시간:');
    for (const l of top(byScript, 8)) console.log(`    ${l}`);
    console.log('  함수별 JS 자체 시간:');
    for (const l of top(byFunction, 15)) console.log(`    ${l}`);
    console.log(`  프로필: ${path.relative(ROOT, file)}`);
  }
} finally {
  await browser.close();
  await served.close();
}
