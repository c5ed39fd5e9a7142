/**
 * The site as a reader without an agent sees it, in real Chromium against the production build:
 * cells to copy with their expected output, mermaid drawn as SVG (readable in dark mode too), and
 * Korean search from the navbar.
 */
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { contrastRatio, freshPagePerTest, hydrated, over, parseColor, saveScreenshot, type Rgba } from './browser';

const siteUrl = inject('siteUrl');

let page: Page;

freshPagePerTest('site', (p) => {
  page = p;
}, { clipboard: true });

describe('without an agent', () => {
  it('says the agent is not connected and still offers copy and the expected output', async () => {
    await page.goto(`${siteUrl}/docs/day2/lab`);
    await hydrated(page);
    const status = page.locator('.navbar [data-agent-state]').first();
    expect(await status.getAttribute('data-agent-state')).toBe('unpaired');
    expect(await status.textContent()).toContain('에이전트 연결 안 됨');
    // Nothing to run without an agent: no run buttons, no lab toolbar, a hint instead.
    expect(await page.locator('[data-action]').count()).toBe(0);

    // A notebook says it once, above its cells, instead of under each of its fifty cells.
    const hints = page.locator('[data-no-agent-hint]');
    expect(await hints.count()).toBe(1);
    expect(await hints.textContent()).toContain('에이전트가 연결되지 않아 여기서 실행할 수 없습니다');
    const nodes = page.locator('figure[data-cell-id="d2-lab-nodes"]');
    expect(await nodes.textContent()).not.toContain('에이전트가 연결되지 않아');
    expect(await nodes.textContent()).toContain('예상 출력');
    expect(await nodes.textContent()).toContain('k8s-course-worker2');

    const code = nodes.locator('.theme-code-block').first();
    await code.hover();
    const copy = code.getByRole('button', { name: /복사/ });
    expect(await copy.count()).toBe(1);
    await copy.click();
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()), { timeout: 5_000 })
      .toBe('kubectl get nodes -L disktype,node-type,topology.kubernetes.io/zone');
  });

  it('gives every runnable cell on a lab page a copy button', async () => {
    await page.goto(`${siteUrl}/docs/day2/lab`);
    await hydrated(page);
    const cells = page.locator('figure[data-cell-id]');
    const count = await cells.count();
    expect(count).toBeGreaterThan(20);
    const withCopy = await page.locator('figure[data-cell-id] .theme-code-block').getByRole('button', { name: /복사/ }).count();
    expect(withCopy).toBe(count);
  });
});

describe('diagrams', () => {
  it('shows the diagram drawn at build time, before and without any script', async () => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(`${siteUrl}/docs/connect-cluster`);
    // In the static HTML itself: visible before hydration, nothing drawn in the browser.
    const svg = page.locator('[data-diagram] [data-color-mode="light"] svg').first();
    await svg.waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-mermaid-source]').count()).toBe(0);
    expect(await svg.textContent()).toContain('로컬 에이전트');
    const box = await svg.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(150);
    // The dark drawing is in the page too, but out of sight in light mode.
    expect(await page.locator('[data-diagram] [data-color-mode="dark"] svg').first().isVisible()).toBe(false);
    await hydrated(page);
    // Hydration keeps the drawing (the route's JavaScript does not carry it, src/diagrams/modules).
    expect(await svg.textContent()).toContain('로컬 에이전트');
    expect(await page.locator('[data-diagram] [data-color-mode="dark"] svg').count()).toBeGreaterThan(0);
    const mermaidChunks = await page.evaluate(
      async (urls) => (await Promise.all(urls.map(async (url) => ((await (await fetch(url)).text()).includes('mermaidAPI') ? url : '')))).filter(Boolean),
      scripts,
    );
    expect(mermaidChunks).toEqual([]);
  });

  it('loads the drawings when a diagram page is opened by client-side navigation', async () => {
    await page.goto(`${siteUrl}/docs/day2/lab`);
    await hydrated(page);
    // A marker that a full page load would lose: the link must be followed by the router.
    await page.evaluate(() => Object.assign(window, { __sameDocument: true }));
    const diagramChunks: string[] = [];
    page.on('request', (request) => {
      if (/\/diagram-[0-9a-f]+\.[0-9a-f]+\.js$/.test(request.url())) diagramChunks.push(request.url());
    });
    await page.locator('article a[href="/docs/connect-cluster"]').first().click();
    await page.waitForURL(/\/docs\/connect-cluster$/);
    const svg = page.locator('[data-diagram] [data-color-mode="light"] svg').first();
    await svg.waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(await svg.textContent()).toContain('로컬 에이전트');
    expect(await page.locator('[data-diagram] [data-color-mode="dark"] svg').count()).toBeGreaterThan(0);
    expect(diagramChunks.length).toBeGreaterThan(0);
  });

  for (const [name, path] of [
    ['sequence diagram', '/docs/connect-cluster'],
    ['flowchart with subgraphs', '/docs/day5/lab'],
  ] as const) {
    it(`keeps the ${name} readable in dark mode (${path})`, async () => {
      await page.goto(`${siteUrl}${path}`);
      await page.locator('[data-diagram] svg').first().waitFor({ timeout: 10_000 });
      await hydrated(page);
      const toggle = page.locator('.navbar [class*="colorModeToggle"] button').first();
      // The toggle cycles system → light → dark.
      for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== 'dark'; i += 1) await toggle.click();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      // The dark drawing replaces the light one at once: both are in the page.
      await page.locator('[data-diagram] [data-color-mode="dark"] svg').first().waitFor({ state: 'visible', timeout: 5_000 });
      expect(await page.locator('[data-diagram] [data-color-mode="light"] svg').first().isVisible()).toBe(false);
      const figure = page.locator('[data-diagram]').first();
      await figure.scrollIntoViewIfNeeded();
      await saveScreenshot(page, `dark-mode-${path.replace(/\W+/g, '-')}`);

      const samples = await figure.evaluate((container) => {
        // The drawing the reader sees: the other colour mode's is display:none.
        const svg = Array.from(container.querySelectorAll('svg')).find((candidate) => candidate.getBoundingClientRect().width > 0)!;
        // Text drawn as SVG <text>, or as HTML inside <foreignObject> (flowchart labels).
        const texts = Array.from(svg.querySelectorAll('text, tspan, foreignObject span, foreignObject p, foreignObject div')).filter(
          (el) => (el.textContent ?? '').trim() !== '' && Array.from(el.children).every((child) => (child.textContent ?? '').trim() === ''),
        );
        const paint = (el: Element) => {
          const style = getComputedStyle(el);
          return { fill: style.fill, color: style.color, background: style.backgroundColor };
        };
        const pageBackground = (() => {
          for (let el: Element | null = container; el; el = el.parentElement) {
            const bg = getComputedStyle(el).backgroundColor;
            if (bg && !/rgba\(0, 0, 0, 0\)|transparent/.test(bg)) return bg;
          }
          return getComputedStyle(document.body).backgroundColor;
        })();
        return texts.slice(0, 60).map((el) => {
          const rect = el.getBoundingClientRect();
          const x = rect.left + rect.width / 2;
          const y = rect.top + rect.height / 2;
          // What is painted under the label: the first filled shape or HTML background beneath it.
          const under = document
            .elementsFromPoint(x, y)
            .filter((hit) => hit !== el && !el.contains(hit) && !hit.contains(el))
            .map((hit) => {
              const { fill, background } = paint(hit);
              if (hit instanceof SVGElement && !(hit instanceof SVGSVGElement)) {
                return /^(rect|polygon|circle|ellipse|path)$/.test(hit.tagName) && fill && fill !== 'none' ? fill : undefined;
              }
              return background && !/rgba\(0, 0, 0, 0\)|transparent/.test(background) ? background : undefined;
            })
            .find(Boolean);
          const { fill, color } = paint(el);
          return {
            text: (el.textContent ?? '').trim().slice(0, 40),
            ink: el instanceof SVGElement ? fill : color,
            under: under ?? pageBackground,
            pageBackground,
          };
        });
      });
      expect(samples.length).toBeGreaterThan(3);
      const report = samples.map((s) => {
        const page: Rgba = parseColor(s.pageBackground) ?? [0, 0, 0, 1];
        const background = over(parseColor(s.under) ?? page, page);
        const ink = over(parseColor(s.ink) ?? [0, 0, 0, 1], background);
        return { text: s.text, ink: s.ink, under: s.under, ratio: Math.round(contrastRatio(ink, background) * 100) / 100 };
      });
      const lowest = report.reduce((a, b) => (a.ratio <= b.ratio ? a : b));
      console.log(`[e2e] dark mode ${path}: ${report.length} labels, lowest contrast ${lowest.ratio}:1 ("${lowest.text}", ${lowest.ink} on ${lowest.under})`);
      const unreadable = report.filter((r) => r.ratio < 4.5);
      // WCAG AA for normal text: every label of the diagram, not just on average.
      expect(unreadable, JSON.stringify(report, null, 1)).toEqual([]);
    });
  }
});

describe('Korean search', () => {
  for (const [query, day] of [
    ['오토스케일링', 'day5'],
    ['네트워크 정책', 'day3'],
    ['ServiceMonitor', 'day5'],
  ] as const) {
    it(`finds "${query}" from the navbar and leads to ${day}`, async () => {
      await page.goto(`${siteUrl}/docs`);
      await hydrated(page);
      const input = page.locator('.navbar .navbar__search-input').first();
      await input.click();
      await input.pressSequentially(query, { delay: 20 });
      const suggestions = page.locator('.navbar [role="listbox"] [role="option"]');
      await suggestions.first().waitFor({ timeout: 20_000 });
      // The first suggestion that has every word of the query, as a reader would pick it.
      const words = query.split(' ');
      const listed = await suggestions.allTextContents();
      const index = listed.findIndex((text) => words.every((word) => text.includes(word)));
      expect(index, listed.join('\n')).toBeGreaterThanOrEqual(0);
      await suggestions.nth(index).click();
      await page.waitForURL(new RegExp(`/docs/${day}(/|$|\\?|#)`), { timeout: 20_000 });
      // The URL changes before the new page renders; wait for its text.
      const article = page.locator('article').first();
      await expect
        .poll(
          async () => {
            const text = (await article.textContent().catch(() => '')) ?? '';
            return words.every((word) => text.includes(word));
          },
          { timeout: 10_000 },
        )
        .toBe(true);
    });
  }
});
