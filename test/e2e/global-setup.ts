/**
 * Vitest global setup for the browser tests: a production build of the site, served on loopback.
 *
 * The build is reused when ./build is newer than everything that goes into it (CI builds first,
 * in `.ci/run`); otherwise it is rebuilt here, because the agent hashes the cells of the current
 * content and a stale page would only meet `content-mismatch`. E2E_REUSE_BUILD=1 skips that check
 * (while other people edit content and you only touch the tests).
 *
 * Provides `inject('siteUrl')`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { serveBuild } from '../../scripts/serve-build';

declare module 'vitest' {
  export interface ProvidedContext {
    siteUrl: string;
  }
}

const root = path.resolve(import.meta.dirname, '../..');

/** What the build reads: content, site code, theme, config and the locked dependency tree. */
const BUILD_INPUTS = [
  'docs',
  'notebooks',
  'static',
  'i18n',
  'src/components',
  'src/client',
  'src/diagrams',
  'src/highlight',
  'src/browser',
  'src/theme',
  'src/css',
  'src/pages',
  'src/remark',
  'src/plugins',
  'src/core',
  'src/content',
  'docusaurus.config.ts',
  'sidebars.ts',
  'package-lock.json',
];

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** The first input newer than the build, or undefined when the build is current. */
export function staleBecause(siteRoot: string): string | undefined {
  const built = path.join(siteRoot, 'build', 'index.html');
  if (!existsSync(built)) return 'build/index.html이 없습니다';
  const builtAt = statSync(built).mtimeMs;
  for (const input of BUILD_INPUTS) {
    if (newestMtime(path.join(siteRoot, input)) > builtAt) return `${input}이(가) build/보다 새롭습니다`;
  }
  return undefined;
}

export default async function setup(project?: TestProject): Promise<() => Promise<void>> {
  const stale = process.env.E2E_REUSE_BUILD === '1' ? undefined : staleBecause(root);
  if (stale) {
    console.log(`[e2e] ${stale}: 프로덕션 빌드를 만듭니다 (2코어에서 몇 분 걸립니다)`);
    const build = spawnSync('npx', ['docusaurus', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error(`docusaurus build failed (exit ${build.status})`);
  } else {
    console.log('[e2e] reusing ./build');
  }
  const served = await serveBuild({ dir: path.join(root, 'build') });
  console.log(`[e2e] serving build/ at ${served.url}`);
  project?.provide('siteUrl', served.url);
  return () => served.close();
}
