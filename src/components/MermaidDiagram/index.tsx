import React, { memo, type ReactNode } from 'react';
import styles from './styles.module.css';

export interface MermaidDiagramProps {
  /** The mermaid source, kept for readers who want it (and for search). */
  source: string;
  /** SVG drawn at build time with the light theme (src/remark/prerender-diagrams). */
  light: string;
  /** The same diagram with the dark theme. */
  dark: string;
}

/**
 * A diagram drawn at build time. Both colour modes are in the page and CSS shows the one that
 * matches, so switching modes is instant and nothing is drawn in the browser.
 */
function MermaidDiagram({ source, light, dark }: MermaidDiagramProps): ReactNode {
  return (
    <figure className={`docusaurus-mermaid-container ${styles.diagram}`} data-diagram>
      <div className={styles.light} data-color-mode="light" dangerouslySetInnerHTML={{ __html: light }} />
      <div className={styles.dark} data-color-mode="dark" dangerouslySetInnerHTML={{ __html: dark }} />
      <details className={styles.source}>
        <summary>다이어그램 원본 (mermaid)</summary>
        <pre>
          <code>{source}</code>
        </pre>
      </details>
    </figure>
  );
}

export default memo(MermaidDiagram);
