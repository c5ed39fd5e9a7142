import React, { type ReactNode } from 'react';
import useIsBrowser from '@docusaurus/useIsBrowser';
import OriginalMermaid from '@theme-original/Mermaid';
import type { Props } from '@theme/Mermaid';

/**
 * Mermaid renders in the browser only, which would leave the static HTML without
 * the diagram at all. Until the SVG is drawn we show the diagram's source: readers
 * without JavaScript, search engines and the build test still see what it says.
 */
export default function Mermaid(props: Props): ReactNode {
  const isBrowser = useIsBrowser();
  if (!isBrowser) {
    return (
      <div className="docusaurus-mermaid-container" data-mermaid-source>
        <pre>{props.value}</pre>
      </div>
    );
  }
  return <OriginalMermaid {...props} />;
}
