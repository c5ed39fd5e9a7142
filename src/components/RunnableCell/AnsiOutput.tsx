import React, { useEffect, useState, type ReactNode } from 'react';
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
      <pre className={styles.outputPre} data-cell-output>
        {text}
      </pre>
    );
  }
  return <pre className={styles.outputPre} data-cell-output dangerouslySetInnerHTML={{ __html: converter.toHtml(text) }} />;
}
