import React, { useEffect, useRef, type ReactNode } from 'react';
import styles from './styles.module.css';

interface Props {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm(): void;
  onClose(): void;
}

/**
 * A modal question on the native <dialog>: focus moves into it and returns to the opener on close,
 * Esc cancels, and the rest of the page is inert meanwhile. Cancel has the focus first, so Enter
 * never deletes anything by accident.
 */
export default function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onClose }: Props): ReactNode {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      cancel.current?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby="confirm-dialog-title" onClose={onClose} data-confirm-dialog>
      <h2 id="confirm-dialog-title" className={styles.dialogTitle}>
        {title}
      </h2>
      {children}
      <div className={styles.buttons}>
        <button type="button" ref={cancel} className="button button--sm button--secondary" onClick={onClose} data-action="confirm-cancel">
          취소
        </button>
        <button type="button" className="button button--sm button--danger" onClick={onConfirm} data-action="confirm">
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
