import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A page's diagrams leave its JavaScript. The SVGs used to be MDX props, so each drawing was in the
 * HTML and again, as a string, in the route's JS chunk (up to 450 KB per page), downloaded and parsed
 * on every first load for nothing: hydration keeps the server's markup. Now each diagram is a module
 * the MDX imports by this prefix, and the bundler resolves it per side (src/plugins/diagram-modules):
 * the server gets the SVGs themselves, the browser a loader that fetches them in a chunk of their own,
 * used only when a page is rendered in the browser (client-side navigation) rather than hydrated.
 */
export const DIAGRAM_MODULE_PREFIX = '@k8s-course/diagram';

/** Next to the bundler's persistent cache, so `docusaurus clear` removes both together. */
export function diagramModuleDir(siteDir: string): string {
  return path.join(siteDir, 'node_modules', '.cache', 'k8s-course-diagram-modules');
}

/** The browser's side of the prefix: loaders only. */
export const CLIENT_SUBDIR = 'client';

function writeOnce(file: string, content: string): void {
  if (existsSync(file)) return; // content-addressed: an existing file is already right
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** Writes both sides of one diagram's module and returns the specifier the MDX imports. */
export function writeDiagramModule(dir: string, svgs: { light: string; dark: string }): string {
  const key = createHash('sha256').update(svgs.light).update('\0').update(svgs.dark).digest('hex').slice(0, 20);
  writeOnce(path.join(dir, `${key}.js`), `export default ${JSON.stringify({ light: svgs.light, dark: svgs.dark })};\n`);
  writeOnce(
    path.join(dir, CLIENT_SUBDIR, `${key}.js`),
    `export default () => import(/* webpackChunkName: "diagram-${key}" */ '../${key}.js');\n`,
  );
  return `${DIAGRAM_MODULE_PREFIX}/${key}`;
}
