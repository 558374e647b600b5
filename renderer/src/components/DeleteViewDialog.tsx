import { useAction } from '../hooks/use-action.ts';
import { Dialog } from './Dialog.tsx';
import { ErrorNotice } from './Notice.tsx';

interface DeleteViewDialogProps {
  open: boolean;
  name: string;
  onDelete(): Promise<void>;
  onClose(): void;
}

/** "Delete “My customers”?": the contacts stay; only the saved filters, columns and sort go. */
export function DeleteViewDialog({ open, name, onDelete, onClose }: DeleteViewDialogProps) {
  const { working, error, run } = useAction();
  const remove = () => run(onDelete);

  return (
    <Dialog
      open={open}
      title={`Delete “${name}”?`}
      onClose={onClose}
      busy={working}
      className="dialog--narrow"
      footer={
        <>
          <button type="button" className="button" onClick={onClose} disabled={working} data-autofocus>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => void remove()} disabled={working} aria-busy={working}>
            Delete view
          </button>
        </>
      }
    >
      <p>The view’s filters, columns and sort are forgotten. No contact is deleted, here or in HubSpot.</p>
      {error && <ErrorNotice error={error} context="general" />}
    </Dialog>
  );
}
