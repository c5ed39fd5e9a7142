import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuild, type ServedBuild } from '../../scripts/serve-build';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../src/browser/chromium';
import { FIND_UNFITTED_LABELS } from './label-fit';

const root = path.resolve(import.meta.dirname, '../..');
const buildDir = path.join(root, 'build');

/** Built pages that carry a diagram, as site paths (`/docs/day1`). */
function pagesWithDiagrams(dir = buildDir): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...pagesWithDiagrams(full));
    else if (entry.name.endsWith('.html') && readFileSync(full, 'utf8').includes('data-diagram')) {
      found.push(`/${path.relative(buildDir, full).replace(/(index)?\.html$/, '')}`.replace(/\/$/, '') || '/');
    }
  }
  return found.sort();
}

async function unfitted(page: Page): Promise<string[]> {
  return (await page.evaluate(FIND_UNFITTED_LABELS)) as string[];
}

describe('diagram labels fit their boxes', () => {
  let served: ServedBuild;
  let browser: Browser;

  beforeAll(async () => {
    served = await serveBuild({ dir: buildDir });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('finds a label wider than its box (the check itself can fail)', async () => {
    const page = await browser.newPage();
    await page.setContent(`<div data-diagram><svg id="mermaid-x" width="300" height="100">
      <g><foreignObject width="40" height="24"><div style="white-space:nowrap;font:16px sans-serif">쿠버네티스 컨트롤 플레인</div></foreignObject></g>
      <g><rect x="100" y="40" width="30" height="30"></rect><text x="100" y="60" style="font:16px sans-serif">API 서버와 etcd</text></g>
    </svg></div>`);
    const problems = await unfitted(page);
    await page.close();
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain('쿠버네티스 컨트롤 플레인');
  });

  it('on every page with a diagram, in both colour modes', async () => {
    const pages = pagesWithDiagrams();
    expect(pages.length).toBeGreaterThan(10);
    const context = await browser.newContext({ locale: 'ko-KR', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    let labels = 0;
    for (const site of pages) {
      await page.goto(`${served.url}${site}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready);
      for (const mode of ['light', 'dark']) {
        await page.evaluate((theme) => document.documentElement.setAttribute('data-theme', theme), mode);
        labels += (await page.evaluate(() => document.querySelectorAll('[data-diagram] svg foreignObject, [data-diagram] svg text').length)) / 2;
        problems.push(...(await unfitted(page)).map((problem) => `${site} (${mode}) ${problem}`));
      }
    }
    await context.close();
    console.log(`[diagram labels] ${pages.length} pages, about ${Math.round(labels)} labels checked in each mode`);
    expect(problems).toEqual([]);
  }, 300_000);
});
