import React, { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import styles from './styles.module.css';

/** Both drawings of a diagram, made at build time with the light and the dark theme. */
export interface DiagramSvgs {
  light: string;
  dark: string;
}

/**
 * What the page's import of its diagram module gives (src/diagrams/modules): the SVGs when the
 * server renders the HTML, a loader of their chunk in the browser.
 */
export type DiagramModule = DiagramSvgs | (() => Promise<{ default: DiagramSvgs }>);

export interface MermaidDiagramProps {
  /** The mermaid source, kept for readers who want it (and for search). */
  source: string;
  svgs: DiagramModule;
}

/**
 * A diagram drawn at build time. Both colour modes are in the page and CSS shows the one that
 * matches, so switching modes is instant and nothing is drawn in the browser.
 *
 * In the browser the SVGs are not part of the page's JavaScript. Hydration keeps the server's
 * markup: an element with dangerouslySetInnerHTML is opaque to React, which neither compares nor
 * rewrites its children. Only when the figure is rendered in the browser with nothing inside
 * (client-side navigation, or a client re-render) does it load the drawings.
 */
function MermaidDiagram({ source, svgs }: MermaidDiagramProps): ReactNode {
  const [loaded, setLoaded] = useState<DiagramSvgs | undefined>(typeof svgs === 'function' ? undefined : svgs);
  const light = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (loaded || typeof svgs !== 'function' || light.current?.firstElementChild) return undefined;
    let mounted = true;
    svgs().then(
      (module) => mounted && setLoaded(module.default),
      () => undefined, // offline after a deploy: the source below stays readable
    );
    return () => {
      mounted = false;
    };
  }, [svgs, loaded]);
  return (
    <figure className={`docusaurus-mermaid-container ${styles.diagram}`} data-diagram>
      <div ref={light} className={styles.light} data-color-mode="light" dangerouslySetInnerHTML={{ __html: loaded?.light ?? '' }} />
      <div className={styles.dark} data-color-mode="dark" dangerouslySetInnerHTML={{ __html: loaded?.dark ?? '' }} />
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
