/**
 * Work a page does not do on load any more (issue 23, found with scripts/bench/profile.ts), checked
 * in real Chromium against the production build, with the behaviour that work served still there:
 * the search plugin's term highlight, route prefetching, the phone menu's course sidebar.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { freshPagePerTest, hydrated } from './browser';

const siteUrl = inject('siteUrl');

let page: Page;

freshPagePerTest('load-work', (p) => {
  page = p;
});

/** The scripts the page has fetched so far, with their text (from the HTTP cache). */
async function loadedScripts(): Promise<Array<{ url: string; text: string }>> {
  const urls = await page.evaluate(() =>
    performance.getEntriesByType('resource').map((e) => e.name).filter((name) => new URL(name).pathname.endsWith('.js')),
  );
  return Promise.all(urls.map(async (url) => ({ url, text: await (await fetch(url)).text() })));
}

/** A string only mark.js's own code has (its unmark's debug message). */
const MARK_JS_CODE = 'Removal selector';

describe('search term highlight (mark.js)', () => {
  it('is not loaded on a page opened without a search term', async () => {
    await page.goto(`${siteUrl}/docs/day2/lab`);
    await hydrated(page);
    await page.waitForTimeout(500); // the plugin marks after a macrotask
    const withMarkJs = (await loadedScripts()).filter((s) => s.text.includes(MARK_JS_CODE)).map((s) => s.url);
    expect(withMarkJs).toEqual([]);
    expect(await page.locator('article mark').count()).toBe(0);
  });

  it('highlights the terms of a search result, and clears them on the next page', async () => {
    await page.goto(`${siteUrl}/docs/day2/lab?_highlight=${encodeURIComponent('레플리카')}`);
    await hydrated(page);
    const marks = page.locator('article mark[data-markjs]');
    await expect.poll(() => marks.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await marks.first().textContent()).toBe('레플리카');
    // Client-side navigation to the next page: no highlight there.
    await page.locator('.pagination-nav__link--next').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/day2/lab'));
    await expect.poll(() => page.locator('article mark[data-markjs]').count(), { timeout: 10_000 }).toBe(0);
  });
});

describe('route prefetch', () => {
  it('prefetches each chunk once and none the page already loaded, and still prefetches links in view', async () => {
    await page.setViewportSize({ width: 412, height: 823 });
    // Every `<link rel=prefetch>` the page adds, with what the page had fetched at that moment.
    await page.addInitScript(() => {
      const added: Array<{ href: string; fetchedBefore: boolean }> = [];
      (window as unknown as { __prefetches: typeof added }).__prefetches = added;
      new MutationObserver((records) => {
        for (const record of records)
          for (const node of Array.from(record.addedNodes))
            if (node instanceof HTMLLinkElement && node.rel === 'prefetch') {
              added.push({ href: node.href, fetchedBefore: performance.getEntriesByName(node.href, 'resource').length > 0 });
            }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${siteUrl}/docs/day5/lab`);
    await hydrated(page);
    const added = (): Promise<Array<{ href: string; fetchedBefore: boolean }>> =>
      page.evaluate(() => (window as unknown as { __prefetches: Array<{ href: string; fetchedBefore: boolean }> }).__prefetches);
    // Idle-time prefetching (src/client/idle-prefetch.ts) is done once the list stops growing.
    const settled = async (): Promise<void> => {
      let last = -1;
      await expect
        .poll(async () => { const now = (await added()).length; const same = now === last && now > 0; last = now; return same; }, { interval: 1_000, timeout: 30_000 })
        .toBe(true);
    };
    await settled();
    const before = (await added()).length;
    // The next-page link at the bottom comes into view: its route is prefetched too.
    await page.locator('.pagination-nav__link--next').scrollIntoViewIfNeeded();
    await expect.poll(async () => (await added()).length, { timeout: 20_000 }).toBeGreaterThan(before);
    await settled();
    const prefetched = await added();
    const hrefs = prefetched.map((a) => a.href);
    expect(hrefs.length - new Set(hrefs).size, 'chunks prefetched more than once').toBe(0);
    expect(prefetched.filter((a) => a.fetchedBefore).map((a) => a.href)).toEqual([]);
    // Going there needs no script that was neither loaded nor prefetched.
    const scripts = (): Promise<string[]> =>
      page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.js')));
    const known = new Set([...(await scripts()), ...hrefs]);
    await page.locator('.pagination-nav__link--next').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/day5/lab'));
    await page.locator('article h1').waitFor();
    expect((await scripts()).filter((url) => !known.has(url))).toEqual([]);
  });
});

describe('phone menu', () => {
  it('renders the course sidebar when the menu opens, not on page load', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${siteUrl}/docs/day2/lab`);
    await hydrated(page);
    const sidebarLinks = page.locator('.navbar-sidebar .theme-doc-sidebar-menu a');
    await page.waitForTimeout(1_000);
    expect(await sidebarLinks.count()).toBe(0);
    await page.locator('.navbar__toggle').click();
    await expect.poll(() => sidebarLinks.count(), { timeout: 5_000 }).toBeGreaterThan(10);
    const active = page.locator('.navbar-sidebar .theme-doc-sidebar-menu a[aria-current="page"]');
    expect(await active.getAttribute('href')).toBe('/docs/day2/lab');
    await expect.poll(() => active.isVisible(), { timeout: 5_000 }).toBe(true);
    // Closed and opened again: still there, no second render needed.
    await page.locator('.navbar-sidebar__close').click();
    await page.locator('.navbar__toggle').click();
    await expect.poll(() => active.isVisible(), { timeout: 5_000 }).toBe(true);
  });
});
