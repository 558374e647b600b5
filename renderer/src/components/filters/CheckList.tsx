import { useId, useMemo, useState } from 'react';

export interface CheckOption {
  value: string;
  label: string;
  /** A second line, e.g. the owner's name beside "Me" or "Deactivated user". */
  hint?: string;
}

interface CheckListProps {
  legend: string;
  options: readonly CheckOption[];
  selected: readonly string[];
  onChange(values: string[]): void;
  /** Show a "Find" field above long lists. */
  searchable?: boolean;
}

/** Several values of one filter (they combine with OR), as checkboxes in a fieldset. */
export function CheckList({ legend, options, selected, onChange, searchable = false }: CheckListProps) {
  const [needle, setNeedle] = useState('');
  const findId = useId();
  const shown = useMemo(() => {
    const text = needle.trim().toLocaleLowerCase();
    return text ? options.filter((option) => `${option.label} ${option.hint ?? ''}`.toLocaleLowerCase().includes(text)) : options;
  }, [options, needle]);

  const toggle = (value: string, on: boolean) => {
    // keep the order the options are offered in
    const next = new Set(selected);
    if (on) next.add(value);
    else next.delete(value);
    onChange(options.map((option) => option.value).filter((candidate) => next.has(candidate)));
  };

  return (
    <fieldset className="fieldset filters__group">
      <legend className="visually-hidden">{legend}</legend>
      {searchable && (
        <>
          <label htmlFor={findId} className="visually-hidden">
            Find in {legend}
          </label>
          <input id={findId} type="search" className="input input--small" placeholder="Find…" value={needle} onChange={(event) => setNeedle(event.target.value)} />
        </>
      )}
      <div className="filters__options">
        {shown.map((option) => (
          <label key={option.value} className="check check--compact">
            <input type="checkbox" checked={selected.includes(option.value)} onChange={(event) => toggle(option.value, event.target.checked)} />
            <span>
              {option.label}
              {option.hint && <span className="check__hint">{option.hint}</span>}
            </span>
          </label>
        ))}
        {shown.length === 0 && <p className="muted">Nothing matches “{needle}”.</p>}
      </div>
    </fieldset>
  );
}
