import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../browser/chromium';

export interface MermaidRenderRequest {
  id: string;
  source: string;
  theme: string;
  /** Overrides of the theme's colours (src/diagrams/config.ts). */
  themeVariables?: Readonly<Record<string, string>>;
}

/** Renders mermaid source to SVG. The build uses Chromium; tests may pass their own. */
export interface MermaidRenderer {
  readonly version: string;
  render(request: MermaidRenderRequest): Promise<string>;
  close(): Promise<void>;
}

/**
 * Runs in the page: mermaid is a singleton whose configuration is set per render. Kept as source
 * text because the function must reach the browser unchanged by the TypeScript toolchain.
 */
const RENDER_IN_PAGE = `async ({ id, source, theme, themeVariables }) => {
  const mermaid = globalThis.mermaid;
  mermaid.initialize({ startOnLoad: false, theme, themeVariables: themeVariables ?? {} });
  const { svg } = await mermaid.render(id, source);
  return svg;
}`;

const require = createRequire(import.meta.url);

export function mermaidVersion(): string {
  return (JSON.parse(readFileSync(require.resolve('mermaid/package.json'), 'utf8')) as { version: string }).version;
}

/** Whether this machine can render at build time. */
export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * One headless Chromium with one page holding mermaid's browser bundle. Renders run one at a time
 * (mermaid keeps global state), in the order they are asked for.
 */
export async function launchChromiumRenderer(): Promise<MermaidRenderer> {
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  let page: Page;
  try {
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.setContent('<!doctype html><html lang="ko"><head><meta charset="utf-8"></head><body></body></html>');
    await page.addScriptTag({ path: require.resolve('mermaid/dist/mermaid.min.js') });
  } catch (error) {
    await browser.close();
    throw error;
  }
  let queue: Promise<unknown> = Promise.resolve();
  return {
    version: mermaidVersion(),
    render(request) {
      const next = queue.then(() => page.evaluate(`(${RENDER_IN_PAGE})(${JSON.stringify(request)})`) as Promise<string>);
      queue = next.catch(() => undefined);
      return next;
    },
    close: () => browser.close(),
  };
}
