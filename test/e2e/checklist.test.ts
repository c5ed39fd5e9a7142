/**
 * The assessment page as a reader uses it: ticks are kept in the browser across a
 * reload, the achievement level follows them, and reset clears them.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hydrated, launchChromium, newReaderContext, saveScreenshot } from './browser';

const siteUrl = inject('siteUrl');

let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  context = await newReaderContext(browser);
  page = await context.newPage();
});
afterAll(async () => {
  await browser?.close();
});

const list = (id: string) => page.locator(`fieldset[data-checklist-id="${id}"]`);
const ready = async (): Promise<void> => {
  await hydrated(page);
  for (const id of ['weekly-technical', 'weekly-collaboration', 'weekly-creativity']) {
    await list(id).and(page.locator('[data-ready="true"]')).waitFor({ timeout: 10_000 });
  }
};
const level = () => page.locator('p[role="status"][data-level]');

describe('assessment checklists', () => {
  it('keeps ticks across a reload, computes the level, and resets', async () => {
    try {
      const response = await page.goto(`${siteUrl}/docs/assessment`);
      const html = (await response?.text()) ?? '';
      expect(html).not.toMatch(/<input[^>]*checked/);
      await ready();
      await expect.poll(() => level().getAttribute('data-level')).toBe('none');

      for (const item of ['architecture', 'operations', 'troubleshooting']) await page.check(`#checklist-weekly-technical-${item}`);
      for (const item of ['contribution', 'sharing', 'presentation']) await page.check(`#checklist-weekly-collaboration-${item}`);
      for (const item of ['original', 'trends']) await page.check(`#checklist-weekly-creativity-${item}`);
      await expect.poll(() => level().getAttribute('data-level')).toBe('intermediate');
      const score = await level().getAttribute('data-score');
      expect(Number(score)).toBeCloseTo(83.3, 1);

      await page.reload();
      await ready();
      expect(await page.isChecked('#checklist-weekly-creativity-trends')).toBe(true);
      expect(await page.isChecked('#checklist-weekly-creativity-improvement')).toBe(false);
      await expect.poll(() => level().getAttribute('data-score')).toBe(score);

      await list('weekly-creativity').locator('button[data-action="reset"]').click();
      expect(await page.isChecked('#checklist-weekly-creativity-trends')).toBe(false);
      await page.reload();
      await ready();
      expect(await page.isChecked('#checklist-weekly-creativity-original')).toBe(false);
      expect(await page.isChecked('#checklist-weekly-technical-architecture')).toBe(true);
    } catch (error) {
      await saveScreenshot(page, 'checklist');
      throw error;
    }
  });
});
