/**
 * Shared pieces of the browser tests: Debian's Chromium through playwright-core, the agent started
 * in-process with its pairing link captured, screenshots of failures, and WCAG contrast.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { startAgent, type StartedAgent } from '../../src/agent/main';
import { createRunnerExecutor } from '../../src/agent/runner-executor';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../src/browser/chromium';
import { freePort } from '../agent/harness';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RESULTS_DIR = path.join(ROOT, 'test-results', 'e2e');

export { CHROMIUM_FLAGS, CHROMIUM_PATH };

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS, headless: true });
}

/** Korean locale and a desktop viewport, as a learner reads the course. */
export function newReaderContext(browser: Browser, options: { clipboard?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'ko-KR',
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    permissions: options.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
  });
}

export { freePort };

export interface RunningAgent {
  agent: StartedAgent;
  /** The `<site>/docs/connect-cluster#agent=...&code=...&instance=...` link the agent printed once. */
  link: string;
  log: string[];
  workDir: string;
  close(): Promise<void>;
}

/**
 * The agent exactly as `npm run agent -- --site <site>` starts it (the same startAgent, the real
 * runner, the cells of this checkout), in this process so the printed link can be read.
 */
export async function startCourseAgent(siteUrl: string, extraArgs: string[] = []): Promise<RunningAgent> {
  const log: string[] = [];
  // Per-lab working directories of its own, so a test never writes into the reader's cache.
  const workDir = mkdtempSync(path.join(tmpdir(), 'e2e-agent-'));
  const port = await freePort();
  const agent = await startAgent(['--port', String(port), '--site', siteUrl, ...extraArgs], ROOT, (root) => createRunnerExecutor({ courseRoot: root, workRoot: workDir }), (line) =>
    log.push(line),
  );
  const link = log
    .join('\n')
    .split('\n')
    .find((line) => line.startsWith(`${siteUrl}/docs/connect-cluster#agent=`));
  if (!link) {
    await agent.close();
    throw new Error(`the agent printed no pairing link:\n${log.join('\n')}`);
  }
  return {
    agent,
    link,
    log,
    workDir,
    close: async () => {
      await agent.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}

/**
 * One browser for the file and a fresh reader profile (context and page) for every test: no
 * pairing, colour mode or storage leaks from one test into the next. A failing test leaves a
 * screenshot named `<prefix>-<test name>`, and page errors are printed. Call at the top of a test
 * file; `onPage` hands each test's page to the file's own variable.
 */
export function freshPagePerTest(prefix: string, onPage: (page: Page) => void, options: { clipboard?: boolean } = {}): void {
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async ({ task, onTestFailed }) => {
    context = await newReaderContext(browser!, options);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.log(`[e2e] page error: ${error.message}`));
    onTestFailed(async () => {
      await saveScreenshot(page, `${prefix}-${task.name}`);
    });
    onPage(page);
  });
  afterEach(async () => {
    // Leaving the page first lets it close its agent socket as a tab would, before the profile goes.
    await context?.pages()[0]?.goto('about:blank').catch(() => undefined);
    await context?.close();
  });
}

/** Saves a full-page screenshot under test-results/e2e/ and prints its path for the CI artefacts. */
export async function saveScreenshot(page: Page | undefined, name: string): Promise<string | undefined> {
  if (!page || page.isClosed()) return undefined;
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-|-$/g, '').slice(0, 120)}.png`);
  try {
    await page.screenshot({ path: file, fullPage: true, timeout: 10_000 });
  } catch {
    // A page that cannot be captured in full (huge labs) is still worth its first screen.
    await page.screenshot({ path: file, timeout: 10_000 }).catch(() => undefined);
  }
  console.log(`[e2e] screenshot: ${path.relative(ROOT, file)}`);
  return file;
}

export type Rgba = [number, number, number, number];

export function parseColor(css: string): Rgba | undefined {
  const match = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:[,\s/]+([\d.]+%?))?\s*\)$/.exec(css.trim());
  if (!match) return undefined;
  const alpha = match[4] === undefined ? 1 : match[4].endsWith('%') ? Number(match[4].slice(0, -1)) / 100 : Number(match[4]);
  return [Number(match[1]), Number(match[2]), Number(match[3]), alpha];
}

/** `top` painted over an opaque `bottom`. */
export function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [top[0] * a + bottom[0] * (1 - a), top[1] * a + bottom[1] * (1 - a), top[2] * a + bottom[2] * (1 - a), 1];
}

function luminance([r, g, b]: Rgba): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** WCAG 2 contrast ratio, 1 to 21. */
export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Until React hydrates, the page is static HTML: no copy buttons, no search, no agent state. */
export async function hydrated(page: Page): Promise<void> {
  await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached', timeout: 30_000 });
}
