import ExecutionEnvironment from '@docusaurus/ExecutionEnvironment';
import { idlePrefetch, type Prefetch } from './prefetch-queue';

interface DocusaurusGlobal {
  prefetch: Prefetch;
  preload: (routePath: string) => boolean | Promise<unknown>;
}

/** Wraps `window.docusaurus` as Docusaurus's client entry assigns it (after client modules load). */
function install(): void {
  let current: DocusaurusGlobal | undefined;
  Object.defineProperty(window, 'docusaurus', {
    configurable: true,
    get: () => current,
    set: (value: DocusaurusGlobal) => {
      current = Object.freeze({ ...value, prefetch: idlePrefetch(value.prefetch.bind(value)) });
    },
  });
}

if (ExecutionEnvironment.canUseDOM && !('docusaurus' in window)) install();
