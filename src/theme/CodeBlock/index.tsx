import React, { lazy, Suspense, type ComponentProps, type ReactNode } from 'react';
import type OriginalCodeBlock from '@theme-original/CodeBlock';

type Props = ComponentProps<typeof OriginalCodeBlock>;

let languagesRegistered: Promise<void> | undefined;

/** Prism and the configured extra grammars, registered once, the way Docusaurus does at start-up. */
function registerLanguages(): Promise<void> {
  languagesRegistered ??= Promise.all([import('prism-react-renderer'), import('@theme/prism-include-languages')]).then(
    ([{ Prism }, { default: prismIncludeLanguages }]) => prismIncludeLanguages(Prism),
  );
  return languagesRegistered;
}

const HighlightingCodeBlock = lazy(async () => {
  await registerLanguages();
  return import('@theme-original/CodeBlock');
});

/**
 * Docusaurus's CodeBlock, loaded when a page first needs one. Course code is highlighted at build
 * time (src/remark/highlight-code); the browser highlights only what a reader edits, so Prism and
 * its grammars (a sixth of the start-up bundle) stay out of every page's first load. The server
 * render waits for the lazy part, so the static HTML is highlighted as before.
 */
export default function CodeBlock(props: Props): ReactNode {
  return (
    <Suspense
      fallback={
        <pre className="prism-code">
          <code>{props.children}</code>
        </pre>
      }
    >
      <HighlightingCodeBlock {...props} />
    </Suspense>
  );
}
