import { createRequire } from 'node:module';
import { Prism } from 'prism-react-renderer';
import { ADDITIONAL_PRISM_LANGUAGES } from './languages';

export type PrismLike = typeof Prism;

let loaded: PrismLike | undefined;

/**
 * prism-react-renderer's Prism with the course's extra grammars, for highlighting in Node at build
 * time. Prism's language files register themselves on a global `Prism`, the same way Docusaurus
 * loads `additionalLanguages` in the browser.
 */
export function prismWithCourseLanguages(): PrismLike {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const global = globalThis as { Prism?: unknown };
  const previous = global.Prism;
  global.Prism = Prism;
  try {
    for (const language of ADDITIONAL_PRISM_LANGUAGES) require(`prismjs/components/prism-${language}`);
  } finally {
    if (previous === undefined) delete global.Prism;
    else global.Prism = previous;
  }
  loaded = Prism;
  return loaded;
}
