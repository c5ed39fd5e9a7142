import React, { useEffect, useState, type ReactNode } from 'react';
import Pre from '../Scrollable/Pre';
import styles from './styles.module.css';

type Converter = { toHtml(text: string): string };

/**
 * Cell output with ANSI colours, rendered by ansi-to-html (escapeXML on, so output
 * can never inject markup). The library is loaded only when a cell has output.
 */
export default function AnsiOutput({ text }: { text: string }): ReactNode {
  const [converter, setConverter] = useState<Converter | undefined>();
  useEffect(() => {
    let live = true;
    void import('ansi-to-html').then(({ default: Convert }) => {
      if (live) setConverter(new Convert({ escapeXML: true, stream: false, newline: false }));
    });
    return () => {
      live = false;
    };
  }, []);
  if (!converter) {
    return (
      <Pre className={styles.outputPre} data-cell-output>
        {text}
      </Pre>
    );
  }
  // A long output scrolls inside its 24rem box: Pre lets the keyboard reach what is below.
  return <Pre className={styles.outputPre} data-cell-output dangerouslySetInnerHTML={{ __html: converter.toHtml(text) }} />;
}
