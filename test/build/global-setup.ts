import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { staleBecause } from '../e2e/global-setup';

const root = path.resolve(import.meta.dirname, '../..');

/**
 * Vitest global setup of the build tests, which check the production build as a reader receives
 * it. `.ci/run` builds first; run alone, the project builds the site once here (with the browser
 * tests' own test of what the build reads), so no test passes on a stale or absent build and two
 * test files never build at the same time.
 */
export default function setup(): void {
  const stale = staleBecause(root);
  if (stale) {
    console.log(`[build] ${stale}: 프로덕션 빌드를 만듭니다`);
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
