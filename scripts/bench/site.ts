/**
 * The site's side of the bench: a cold production build, what a page makes the browser download
 * (gzipped JS and CSS, and whether mermaid is among it), and Lighthouse in Debian's Chromium.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS as BASE_FLAGS, CHROMIUM_PATH } from '../../src/browser/chromium';
import { serveBuild } from '../serve-build';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** ./build, or BENCH_BUILD_DIR (e.g. a build made with other settings, to compare). */
export const DEFAULT_BUILD_DIR = path.resolve(ROOT, process.env.BENCH_BUILD_DIR ?? 'build');
/** Lighthouse drives Chromium through its own launcher, so headless mode is one more flag here. */
export const CHROMIUM_FLAGS = ['--headless=new', ...BASE_FLAGS];
export { CHROMIUM_PATH };

/**
 * `docusaurus build` after removing its caches, so nothing of an earlier build is reused. Into its
 * own folder: ./build belongs to whoever builds or tests in this checkout at the same time.
 */
export async function coldBuild(outDir: string, log: (line: string) => void): Promise<number> {
  rmSync(path.join(ROOT, '.docusaurus'), { recursive: true, force: true });
  rmSync(path.join(ROOT, 'node_modules', '.cache'), { recursive: true, force: true });
  // Diagrams are drawn in Chromium during the build; an empty cache makes this build draw them all.
  const diagramCache = mkdtempSync(path.join(os.tmpdir(), 'k8s-course-diagrams-'));
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npx', ['docusaurus', 'build', '--out-dir', outDir], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, K8S_COURSE_DIAGRAM_CACHE: diagramCache },
    });
    let tail = '';
    const keep = (chunk: Buffer): void => {
      tail = (tail + chunk.toString()).slice(-4_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`docusaurus build exited ${code}:\n${tail}`))));
  });
  const seconds = (performance.now() - start) / 1000;
  const diagrams = readdirSync(diagramCache).length;
  rmSync(diagramCache, { recursive: true, force: true });
  log(`  빌드 ${seconds.toFixed(1)} s (다이어그램 SVG ${diagrams}개를 새로 그림)`);
  return seconds;
}

export interface Asset {
  url: string;
  type: 'script' | 'stylesheet';
  bytes: number;
  gzipBytes: number;
  mermaid: boolean;
}

export interface PageWeight {
  path: string;
  htmlGzipBytes: number;
  /** Named in the HTML: what every page loads before any route chunk. */
  initial: Asset[];
  /** Everything the page fetched until the network went quiet, without any interaction. */
  loaded: Asset[];
  jsGzipBytes: number;
  cssGzipBytes: number;
  mermaidLoaded: boolean;
  diagramsOnPage: number;
}

const MERMAID_MARKER = 'mermaidAPI';

function assetFromUrl(buildDir: string, url: string, type: Asset['type']): Asset | undefined {
  const { pathname } = new URL(url, 'http://x');
  if (!pathname.startsWith('/assets/')) return undefined;
  let content: Buffer;
  try {
    content = readFileSync(path.join(buildDir, pathname));
  } catch {
    return undefined;
  }
  return {
    url: pathname,
    type,
    bytes: content.length,
    gzipBytes: gzipSync(content, { level: 6 }).length,
    mermaid: type === 'script' && content.includes(MERMAID_MARKER),
  };
}

/** Loads each page in Chromium (cold cache) and weighs the JS and CSS it fetched, as gzip -6. */
export async function weighPages(buildDir: string, paths: string[]): Promise<PageWeight[]> {
  const served = await serveBuild({ dir: buildDir });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: BASE_FLAGS });
  try {
    const weights: PageWeight[] = [];
    for (const pagePath of paths) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const fetched = new Map<string, Asset['type']>();
      page.on('request', (request) => {
        const type = request.resourceType();
        if (type === 'script' || type === 'stylesheet') fetched.set(request.url(), type);
      });
      await page.goto(`${served.url}${pagePath}`, { waitUntil: 'networkidle' });
      await page.locator('html[data-has-hydrated="true"]').waitFor({ state: 'attached' });
      // Diagrams render after hydration and pull their chunks then; give them time to.
      await page.waitForLoadState('networkidle');
      const diagramsOnPage = await page.locator('.docusaurus-mermaid-container').count();
      // Drawn at build time, so already there; a fallback drawn in the browser would pull mermaid here.
      if (diagramsOnPage > 0) await page.locator('.docusaurus-mermaid-container svg').first().waitFor({ state: 'attached', timeout: 30_000 });
      await page.waitForLoadState('networkidle');
      await context.close();

      const html = readFileSync(path.join(buildDir, `${pagePath.replace(/^\//, '')}.html`));
      const initial = [...html.toString().matchAll(/<script[^>]*\ssrc="?([^"\s>]+)|<link[^>]*rel="?stylesheet"?[^>]*href="?([^"\s>]+)/g)]
        .map((m) => (m[1] ? assetFromUrl(buildDir, m[1], 'script') : assetFromUrl(buildDir, m[2]!, 'stylesheet')))
        .filter((a): a is Asset => a !== undefined);
      const loaded = [...fetched].map(([url, type]) => assetFromUrl(buildDir, url, type)).filter((a): a is Asset => a !== undefined);
      weights.push({
        path: pagePath,
        htmlGzipBytes: gzipSync(html, { level: 6 }).length,
        initial,
        loaded,
        jsGzipBytes: loaded.filter((a) => a.type === 'script').reduce((sum, a) => sum + a.gzipBytes, 0),
        cssGzipBytes: loaded.filter((a) => a.type === 'stylesheet').reduce((sum, a) => sum + a.gzipBytes, 0),
        mermaidLoaded: loaded.some((a) => a.mermaid),
        diagramsOnPage,
      });
    }
    return weights;
  } finally {
    await browser.close();
    await served.close();
  }
}

export interface LighthouseScores {
  path: string;
  formFactor: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Failed audits of the categories, worst first, for the report. */
  problems: string[];
  metrics: Record<string, string>;
  /** The same as numbers: ms for TBT and LCP, unitless CLS. */
  numeric: { tbtMs: number; lcpMs: number; cls: number };
  reportFile: string;
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/**
 * Lighthouse on each page, `runs` times, keeping the run with the median performance score
 * (Lighthouse's own advice for noisy machines; this one has 2 cores shared with other work).
 */
export async function runLighthouse(
  buildDir: string,
  paths: string[],
  options: { runs: number; formFactor: 'mobile' | 'desktop'; log: (line: string) => void },
): Promise<LighthouseScores[]> {
  const served = await serveBuild({ dir: buildDir });
  const outDir = path.join(ROOT, 'test-results', 'bench');
  mkdirSync(outDir, { recursive: true });
  const results: LighthouseScores[] = [];
  try {
    for (const pagePath of paths) {
      const runs: LighthouseScores[] = [];
      for (let i = 0; i < options.runs; i += 1) {
        // A fresh profile for every run: no cache, no storage, like a first visit.
        const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROMIUM_FLAGS, logLevel: 'silent' });
        try {
          const result = await lighthouse(
            `${served.url}${pagePath}`,
            { port: chrome.port, output: ['html', 'json'], logLevel: 'error', onlyCategories: [...CATEGORIES] },
            options.formFactor === 'desktop' ? (await import('lighthouse')).desktopConfig : undefined,
          );
          if (!result) throw new Error(`Lighthouse returned nothing for ${pagePath}`);
          const { lhr } = result;
          // A page that failed to load scores 0 everywhere; that is a broken run, not a score.
          if (lhr.runtimeError) throw new Error(`Lighthouse ${pagePath}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
          const score = (id: (typeof CATEGORIES)[number]): number => Math.round((lhr.categories[id]?.score ?? 0) * 100);
          const problems = CATEGORIES.filter((id) => id !== 'performance')
            .flatMap((id) => lhr.categories[id]?.auditRefs ?? [])
            .map((ref) => lhr.audits[ref.id]!)
            .filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
            .map((audit) => `${audit.id}: ${audit.title}`);
          const perfProblems = (lhr.categories.performance?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0)
            .map((ref) => lhr.audits[ref.id]!)
            .filter((audit) => audit.score !== null && audit.score < 0.9)
            .map((audit) => `${audit.id}: ${audit.displayValue ?? ''} (점수 ${Math.round((audit.score ?? 0) * 100)})`);
          const metric = (id: string): string => lhr.audits[id]?.displayValue ?? '-';
          const reportFile = path.join(outDir, `lighthouse-${options.formFactor}-${pagePath.replace(/\W+/g, '-').replace(/^-/, '')}-${i + 1}.html`);
          const [htmlReport, jsonReport] = Array.isArray(result.report) ? result.report : [result.report, ''];
          writeFileSync(reportFile, htmlReport ?? '');
          writeFileSync(reportFile.replace(/\.html$/, '.json'), jsonReport ?? '');
          const scores: LighthouseScores = {
            path: pagePath,
            formFactor: options.formFactor,
            performance: score('performance'),
            accessibility: score('accessibility'),
            bestPractices: score('best-practices'),
            seo: score('seo'),
            problems: [...perfProblems, ...problems],
            metrics: {
              FCP: metric('first-contentful-paint'),
              LCP: metric('largest-contentful-paint'),
              TBT: metric('total-blocking-time'),
              CLS: metric('cumulative-layout-shift'),
              SI: metric('speed-index'),
            },
            numeric: {
              tbtMs: lhr.audits['total-blocking-time']?.numericValue ?? Number.NaN,
              lcpMs: lhr.audits['largest-contentful-paint']?.numericValue ?? Number.NaN,
              cls: lhr.audits['cumulative-layout-shift']?.numericValue ?? Number.NaN,
            },
            reportFile: path.relative(ROOT, reportFile),
          };
          options.log(
            `  ${options.formFactor} ${pagePath} #${i + 1}: 성능 ${scores.performance}, 접근성 ${scores.accessibility}, 권장사항 ${scores.bestPractices}, SEO ${scores.seo}`,
          );
          runs.push(scores);
        } finally {
          await chrome.kill();
        }
      }
      runs.sort((a, b) => a.performance - b.performance);
      results.push(runs[Math.floor(runs.length / 2)]!);
    }
    return results;
  } finally {
    await served.close();
  }
}

/** Every built page path, for picking pages that exist. */
export function builtPages(buildDir = DEFAULT_BUILD_DIR): string[] {
  const pages: string[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), `${prefix}/${entry.name}`);
      else if (entry.name.endsWith('.html')) pages.push(`${prefix}/${entry.name.replace(/\.html$/, '')}`);
    }
  };
  walk(path.join(buildDir, 'docs'), '/docs');
  return pages;
}

export interface StaticWeight {
  path: string;
  htmlGzipBytes: number;
  /** Scripts the HTML names (entry and the route's chunks), gzip -6. */
  jsGzipBytes: number;
}

/** What a page's HTML makes the browser fetch, from the files alone (no browser): for ranking pages by weight. */
export function staticWeight(buildDir: string, pagePath: string): StaticWeight {
  const html = readFileSync(path.join(buildDir, `${pagePath.replace(/^\//, '')}.html`));
  const scripts = new Set([...html.toString().matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="?preload"?[^>]*href)="?([^"\s>]+\.js)/g)].map((m) => m[1]!));
  let jsGzipBytes = 0;
  for (const url of scripts) jsGzipBytes += assetFromUrl(buildDir, url, 'script')?.gzipBytes ?? 0;
  return { path: pagePath, htmlGzipBytes: gzipSync(html, { level: 6 }).length, jsGzipBytes };
}

/** Every lab and challenge page, and the `count` heaviest session pages (by HTML + JS named in it). */
export function pagesToMeasure(buildDir: string, count = 3): { labs: string[]; sessions: StaticWeight[] } {
  const pages = builtPages(buildDir);
  const labs = pages.filter((p) => /^\/docs\/day\d+\/(lab|challenge)$/.test(p)).sort();
  const sessions = pages
    .filter((p) => /^\/docs\/day\d+\/[^/]+$/.test(p) && !labs.includes(p) && !p.endsWith('/index'))
    .map((p) => staticWeight(buildDir, p))
    .sort((a, b) => b.htmlGzipBytes + b.jsGzipBytes - (a.htmlGzipBytes + a.jsGzipBytes))
    .slice(0, count);
  return { labs, sessions };
}
