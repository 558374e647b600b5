import { useEffect, useId, useState, type FormEvent } from 'react';
import { useAction } from '../hooks/use-action.ts';
import { Dialog } from './Dialog.tsx';

interface ViewNameDialogProps {
  open: boolean;
  title: string;
  /** The name the field starts with (the view's current name when renaming). */
  initialName: string;
  submitLabel: string;
  /** Resolves when saved; rejects with the app's reason (empty, taken, too long…), shown under the field. */
  onSubmit(name: string): Promise<void>;
  onClose(): void;
  /** What the view keeps, in a sentence under the field. */
  description?: string;
}

/** Asks for a view's name ("Save view…", "Rename…"); the app checks it and says why it refuses one. */
export function ViewNameDialog({ open, title, initialName, submitLabel, onSubmit, onClose, description }: ViewNameDialogProps) {
  const [name, setName] = useState(initialName);
  const { working, error, run, clearError } = useAction();
  const errorId = useId();
  const hintId = useId();

  useEffect(() => {
    if (!open) return;
    setName(initialName);
    clearError();
  }, [open, initialName, clearError]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await run(() => onSubmit(name));
  };

  const formId = `${hintId}-form`;
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onClose}
      busy={working}
      className="dialog--narrow"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={working}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button--primary" disabled={working} aria-busy={working}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form id={formId} className="view-name" onSubmit={(event) => void submit(event)} noValidate>
        <label className="field">
          <span className="field__label">Name</span>
          <input
            className="input"
            value={name}
            onChange={(event) => setName(event.target.value)}
            data-autofocus
            dir="auto"
            autoComplete="off"
            aria-invalid={error !== null}
            aria-describedby={[description ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined}
          />
        </label>
        {description && (
          <p id={hintId} className="muted view-name__hint">
            {description}
          </p>
        )}
        {error && (
          <p id={errorId} className="field__error" role="alert">
            {error.message}
          </p>
        )}
      </form>
    </Dialog>
  );
}
