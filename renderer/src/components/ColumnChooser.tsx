import { useId, useMemo, useRef, useState } from 'react';
import { useDisclosure } from '../hooks/use-disclosure.ts';
import type { PropertyInfo } from '../../../electron/ipc/types.ts';
import { chooserOrder } from '../lib/columns.ts';
import { Icon } from './Icon.tsx';

interface ColumnChooserProps {
  visible: readonly string[];
  properties: readonly PropertyInfo[] | null;
  onToggle(name: string, show: boolean): void;
}

/** "Columns" button with a panel of checkboxes for every contact property HubSpot has. */
export function ColumnChooser({ visible, properties, onToggle }: ColumnChooserProps) {
  const filterRef = useRef<HTMLInputElement>(null);
  const { open, setOpen, rootRef, buttonRef } = useDisclosure(() => filterRef.current?.focus());
  const [filter, setFilter] = useState('');
  const panelId = useId();

  const options = useMemo(() => {
    const all = chooserOrder(visible, properties ?? []);
    const needle = filter.trim().toLocaleLowerCase();
    return needle ? all.filter((property) => `${property.label} ${property.name}`.toLocaleLowerCase().includes(needle)) : all;
  }, [visible, properties, filter]);

  return (
    <div className="chooser" ref={rootRef}>
      <button ref={buttonRef} type="button" className="button" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen((value) => !value)}>
        <Icon name="columns" />
        Columns
      </button>
      <div className="chooser__panel popover" id={panelId} hidden={!open}>
        <label className="field">
          <span className="field__label">Find a column</span>
          <input ref={filterRef} type="search" className="input" value={filter} onChange={(event) => setFilter(event.target.value)} />
        </label>
        {properties === null && <p className="muted">Loading HubSpot's contact properties…</p>}
        <fieldset className="chooser__list">
          <legend className="visually-hidden">Columns to show</legend>
          {options.map((property) => {
            const shown = visible.includes(property.name);
            return (
              <label key={property.name} className="check check--compact">
                <input
                  type="checkbox"
                  checked={shown}
                  disabled={shown && visible.length === 1}
                  onChange={(event) => onToggle(property.name, event.target.checked)}
                />
                <span>
                  {property.label || property.name}
                  {!property.synced && !shown && <span className="check__hint">Filled in by the next sync</span>}
                </span>
              </label>
            );
          })}
          {properties !== null && options.length === 0 && <p className="muted">No column matches “{filter}”.</p>}
        </fieldset>
      </div>
    </div>
  );
}
