import { useState } from 'react';
import type { Views } from '../hooks/use-views.ts';
import { DeleteViewDialog } from './DeleteViewDialog.tsx';
import { ViewMenu, type ViewCommand } from './ViewMenu.tsx';
import { ViewNameDialog } from './ViewNameDialog.tsx';

/** The View menu with what its commands open: Save view…, Rename…, Delete…. */
export function ViewMenuArea({ views }: { views: Views }) {
  const [dialog, setDialog] = useState<Exclude<ViewCommand, 'save-changes'> | null>(null);
  const close = () => setDialog(null);

  const run = (command: ViewCommand) => {
    if (command === 'save-changes') void views.saveChanges();
    else setDialog(command);
  };

  return (
    <>
      <ViewMenu saved={views.saved} currentId={views.currentId} modified={views.modified} onChoose={views.choose} onCommand={run} />
      <ViewNameDialog
        open={dialog === 'save-as'}
        title="Save view"
        initialName=""
        submitLabel="Save view"
        description="Saves the filters, the search, the columns and the sort under this name. The View menu brings them back."
        onClose={close}
        onSubmit={async (name) => {
          await views.saveAs(name);
          close();
        }}
      />
      <ViewNameDialog
        open={dialog === 'rename'}
        title="Rename view"
        initialName={views.currentName}
        submitLabel="Rename"
        onClose={close}
        onSubmit={async (name) => {
          await views.rename(name);
          close();
        }}
      />
      <DeleteViewDialog
        open={dialog === 'delete'}
        name={views.currentName}
        onClose={close}
        onDelete={async () => {
          await views.remove();
          close();
        }}
      />
    </>
  );
}
