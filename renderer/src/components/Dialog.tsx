import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Icon } from './Icon.tsx';

interface DialogProps {
  open: boolean;
  title: string;
  /** Escape, or the close button. Return nothing; the parent decides whether `open` turns false. */
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
  /** While true, Escape does nothing (e.g. a file is being written; use its Cancel button). */
  busy?: boolean;
}

/**
 * A modal on the native <dialog>: showModal() makes the rest of the window inert, keeps focus
 * inside, restores it to the opener on close, and turns Escape into a `cancel` event.
 */
export function Dialog({ open, title, onClose, children, footer, className, busy = false }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // showModal() focuses the first control (the close button); start where the work is instead.
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className={className ? `dialog ${className}` : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      onClose={() => {
        // Chromium closes a dialog itself on a second Escape, ignoring preventDefault: keep the
        // dialog on screen while it is busy, and the parent's `open` in step otherwise.
        if (!open) return;
        if (busy) ref.current?.showModal();
        else onClose();
      }}
    >
      <header className="dialog__header">
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        <button type="button" className="icon-button" onClick={onClose} disabled={busy} aria-label="Close">
          <Icon name="close" />
        </button>
      </header>
      <div className="dialog__body">{children}</div>
      {footer && <footer className="dialog__footer">{footer}</footer>}
    </dialog>
  );
}
