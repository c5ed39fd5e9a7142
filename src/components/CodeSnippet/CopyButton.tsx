import React, { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import clsx from 'clsx';
import { translate } from '@docusaurus/Translate';
import IconCopy from '@theme/Icon/Copy';
import IconSuccess from '@theme/Icon/Success';
import styles from './buttons.module.css';

async function copyToClipboard(text: string): Promise<void> {
  // The clipboard API exists only in secure contexts (https, localhost).
  if (navigator.clipboard) return navigator.clipboard.writeText(text);
  const { default: copy } = await import('copy-text-to-clipboard');
  copy(text);
}

/**
 * The theme's copy button (same labels, icons and look) taking the code as a prop: the theme's own
 * reads it from a per-block context whose set-up was a measurable part of hydrating a lab page.
 */
export default function CopyButton({ code }: { code: string }): ReactNode {
  const [copied, setCopied] = useState(false);
  const timeout = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timeout.current), []);
  const onClick = useCallback(() => {
    void copyToClipboard(code).then(() => {
      setCopied(true);
      window.clearTimeout(timeout.current);
      timeout.current = window.setTimeout(() => setCopied(false), 1000);
    });
  }, [code]);
  return (
    <button
      type="button"
      className={clsx('clean-btn', copied && styles.copyButtonCopied)}
      aria-label={
        copied
          ? translate({ id: 'theme.CodeBlock.copied', message: 'Copied' })
          : translate({ id: 'theme.CodeBlock.copyButtonAriaLabel', message: 'Copy code to clipboard' })
      }
      title={translate({ id: 'theme.CodeBlock.copy', message: 'Copy' })}
      onClick={onClick}
    >
      <span className={styles.copyButtonIcons} aria-hidden="true">
        <IconCopy className={styles.copyButtonIcon} />
        <IconSuccess className={styles.copyButtonSuccessIcon} />
      </span>
    </button>
  );
}
