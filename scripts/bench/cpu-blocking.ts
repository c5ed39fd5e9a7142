/**
 * Total blocking time of a page's first load from the main thread's CPU time x 4 (see
 * trace-tasks.ts cpuBlockingTime), in Debian's Chromium at the machine's own speed, on a phone-sized
 * viewport. Lighthouse's TBT scales wall time, which on this shared 2-core machine includes the
 * time the page waited for a core; this number is printed beside it so a table measured under load
 * still says which pages have work to cut. Median of `runs` per page.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../src/browser/chromium';
import { serveBuild } from '../serve-build';
import { percentile } from './stats';
import { cpuBlockingTime, type TraceEvent } from './trace-tasks';

export interface CpuBlockingResult {
  path: string;
  /** Median blocking ms over the runs. */
  medianMs: number;
  runsMs: number[];
}

export async function measureCpuBlocking(buildDir: string, pages: readonly string[], runs = 3): Promise<CpuBlockingResult[]> {
  const served = await serveBuild({ dir: buildDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    const results: CpuBlockingResult[] = [];
    for (const pagePath of pages) {
      const runsMs: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
        const page = await context.newPage();
        await browser.startTracing(page, { categories: ['toplevel', 'devtools.timeline'] });
        await page.goto(`${served.url}${pagePath}`, { waitUntil: 'load' });
        await page.waitForFunction(() => document.documentElement.dataset.hasHydrated === 'true', undefined, { polling: 500 });
        // Idle-time work (link prefetch) belongs to the load as Lighthouse sees it.
        await page.waitForTimeout(3_000);
        const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
        await context.close();
        runsMs.push(cpuBlockingTime(trace.traceEvents).blockingMs);
      }
      results.push({ path: pagePath, medianMs: percentile(runsMs, 50), runsMs });
    }
    return results;
  } finally {
    await browser.close();
    await served.close();
  }
}
