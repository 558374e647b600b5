import type { SortIssue } from '../../../electron/ipc/types.ts';
import { Icon } from './Icon.tsx';
import { Notice } from './Notice.tsx';

/**
 * The table could not be sorted as asked (its property no longer exists in HubSpot, issue 15): the
 * app's sentence, and how to sort again. Dismissible; the rows stay in the usual order meanwhile.
 */
export function SortNotice({ issue, onDismiss }: { issue: SortIssue; onDismiss(): void }) {
  return (
    <div className="dismissible">
      <Notice tone="info" title="Contacts are in their usual order">
        <p>{issue.reason}</p>
        <p>Click a column heading to sort by another column.</p>
      </Notice>
      <button type="button" className="icon-button dismissible__close" onClick={onDismiss} aria-label="Dismiss the notice about sorting">
        <Icon name="close" />
      </button>
    </div>
  );
}
