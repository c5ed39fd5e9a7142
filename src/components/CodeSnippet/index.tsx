import React, { memo, type ReactNode } from 'react';
import clsx from 'clsx';
import { parseCodeBlockTitle } from '@docusaurus/theme-common/internal';
import CopyButton from './CopyButton';
import { CODE_SCOPE_CLASS } from './scope';
import buttonStyles from './buttons.module.css';
import styles from './styles.module.css';

export interface CodeSnippetProps {
  /** The code as written: what the copy button copies. */
  code: string;
  /** Inner HTML of `<code>`, highlighted at build time by src/remark/highlight-code. */
  html: string;
  language?: string;
  /** The fence's meta; only `title="…"` is used here. */
  metastring?: string;
  className?: string;
}

/**
 * A code block highlighted at build time. It looks like Docusaurus's CodeBlock, but hydrates as a
 * handful of elements: React never walks the token spans, never re-renders them for the colour
 * mode, and the copy button is server-rendered instead of mounted in a second pass. There is no
 * word-wrap toggle; long lines scroll. On a lab page with fifty cells these were most of the
 * hydration cost on a phone.
 */
function CodeSnippet({ code, html, language, metastring, className }: CodeSnippetProps): ReactNode {
  const title = parseCodeBlockTitle(metastring);
  return (
    <div className={clsx(className, language && `language-${language}`, CODE_SCOPE_CLASS, 'theme-code-block', styles.container)}>
      {title ? <div className={styles.title}>{title}</div> : null}
      <div className={styles.content}>
        {/* The pre scrolls sideways on long lines, so it must be reachable by keyboard. */}
        {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
        <pre tabIndex={0} className={clsx('prism-code', 'thin-scrollbar', styles.pre)}>
          <code className={styles.code} dangerouslySetInnerHTML={{ __html: html }} />
        </pre>
        <div className={buttonStyles.buttonGroup}>
          <CopyButton code={code} />
        </div>
      </div>
    </div>
  );
}

export default memo(CodeSnippet);
