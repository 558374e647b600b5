/** A long search as a heading: its start, whole characters only. */
function shortened(text: string, max = 60): string {
  const characters = Array.from(text);
  return characters.length > max ? `${characters.slice(0, max - 1).join('')}…` : text;
}

interface ContactsEmptyProps {
  filtered: boolean;
  search: string;
  syncing: boolean;
  neverSynced: boolean;
}

/** What an empty table says: why there are no rows, and what to do about it. */
export function ContactsEmpty({ filtered, search, syncing, neverSynced }: ContactsEmptyProps) {
  if (filtered) {
    return (
      <>
        <p className="table-empty__title">No contacts match these filters{search ? ` and “${search}”` : ''}</p>
        <p>Remove a filter above, or click Clear filters.</p>
      </>
    );
  }
  if (search) {
    return (
      <>
        <p className="table-empty__title">No contacts match “{shortened(search)}”</p>
        <p>Check the spelling, or search by the start of a name, email address or company.</p>
      </>
    );
  }
  if (syncing || neverSynced) {
    return (
      <>
        <p className="table-empty__title">{syncing ? 'Fetching your contacts from HubSpot…' : 'No contacts on this computer yet'}</p>
        <p>{syncing ? 'They appear here as they arrive.' : 'Click Sync now to fetch them from HubSpot.'}</p>
      </>
    );
  }
  return (
    <>
      <p className="table-empty__title">No contacts</p>
      <p>This HubSpot account has no contacts yet.</p>
    </>
  );
}
