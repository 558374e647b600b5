import { useId, useRef, type KeyboardEvent } from 'react';
import type { SavedView } from '../../../electron/ipc/types.ts';
import { useDisclosure } from '../hooks/use-disclosure.ts';
import { builtInViews, isBuiltIn, viewName } from '../lib/view-model.ts';
import { Icon } from './Icon.tsx';

export type ViewCommand = 'save-as' | 'save-changes' | 'rename' | 'delete';

interface ViewMenuProps {
  saved: readonly SavedView[];
  currentId: string;
  /** What is on screen differs from the chosen view. */
  modified: boolean;
  onChoose(id: string): void;
  onCommand(command: ViewCommand): void;
}

/** Moves focus among the menu's items with the arrow keys, Home and End (the ARIA menu pattern). */
function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role^="menuitem"]')];
  const at = items.indexOf(document.activeElement as HTMLElement);
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
  if (next === undefined || items.length === 0) return;
  event.preventDefault();
  items[(next + items.length) % items.length]?.focus();
}

/**
 * "View: My customers" left of the search box: All contacts, My contacts and the saved views, then
 * Save view…, and for a saved view Save changes, Rename… and Delete….
 */
export function ViewMenu({ saved, currentId, modified, onChoose, onCommand }: ViewMenuProps) {
  const menuRef = useRef<HTMLUListElement>(null);
  const { open, setOpen, rootRef, buttonRef } = useDisclosure(() =>
    (menuRef.current?.querySelector<HTMLElement>('[aria-checked="true"]') ?? menuRef.current?.querySelector<HTMLElement>('[role^="menuitem"]'))?.focus(),
  );
  const menuId = useId();
  const name = viewName(currentId, saved);
  const savedCurrent = !isBuiltIn(currentId);

  const act = (action: () => void) => {
    setOpen(false);
    buttonRef.current?.focus();
    action();
  };
  const choice = (id: string, label: string) => (
    <li role="none" key={id}>
      <button type="button" role="menuitemradio" aria-checked={id === currentId} tabIndex={-1} className="menu__item" onClick={() => act(() => onChoose(id))}>
        <span className="menu__check" aria-hidden="true">{id === currentId ? '✓' : ''}</span>
        <span className="menu__label">{label}</span>
      </button>
    </li>
  );
  const command = (id: ViewCommand, label: string) => (
    <li role="none">
      <button type="button" role="menuitem" tabIndex={-1} className="menu__item" onClick={() => act(() => onCommand(id))}>
        <span className="menu__check" aria-hidden="true" />
        <span className="menu__label">{label}</span>
      </button>
    </li>
  );

  return (
    <div className="view-menu menu-anchor" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="button view-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        aria-label={`View: ${name}${modified ? ', changed' : ''}`}
        onClick={() => setOpen((value) => !value)}
      >
        <span className="view-menu__name">{name}</span>
        {modified && <span className="view-menu__modified" aria-hidden="true">(changed)</span>}
        <Icon name="chevronDown" />
      </button>
      <ul
        ref={menuRef}
        id={menuId}
        role="menu"
        aria-label="Views"
        className="menu popover view-menu__menu"
        hidden={!open}
        onKeyDown={(event) => {
          if (event.key === 'Tab') setOpen(false);
          else moveFocus(event);
        }}
      >
        {builtInViews.map((view) => choice(view.id, view.name))}
        {saved.length > 0 && <li role="separator" className="menu__separator" />}
        {saved.map((view) => choice(view.id, view.name))}
        <li role="separator" className="menu__separator" />
        {command('save-as', 'Save view…')}
        {savedCurrent && modified && command('save-changes', `Save changes to “${name}”`)}
        {savedCurrent && command('rename', `Rename “${name}”…`)}
        {savedCurrent && command('delete', `Delete “${name}”…`)}
      </ul>
    </div>
  );
}
