import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

/** Newest modification time of the files a build is made from. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent(): boolean {
  const index = path.join(root, 'build', 'index.html');
  if (!existsSync(index)) return false;
  const sources = ['docs', 'notebooks', 'src', 'static', 'i18n'].map((d) => newestSource(path.join(root, d)));
  const config = ['docusaurus.config.ts', 'sidebars.ts'].map((f) => statSync(path.join(root, f)).mtimeMs);
  return statSync(index).mtimeMs >= Math.max(...sources, ...config);
}

/**
 * Vitest global setup of the build tests, which check the production build as a reader receives
 * it. `.ci/run` builds first; run alone, the project builds the site once here, so no test passes
 * on a stale or absent build and two test files never build at the same time.
 */
export default function setup(): void {
  if (!buildIsCurrent()) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}
