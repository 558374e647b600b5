import { useState, type FormEvent } from 'react';
import type { ViewFilter } from '../../../../electron/ipc/types.ts';
import { labelOf, type PropertyIndex } from '../../lib/columns.ts';
import { CheckList } from './CheckList.tsx';

type Operator = 'is-any-of' | 'is-empty' | 'is-not-empty' | 'contains';
const operators: { value: Operator; label: string }[] = [
  { value: 'is-any-of', label: 'is any of' },
  { value: 'contains', label: 'contains' },
  { value: 'is-empty', label: 'is empty' },
  { value: 'is-not-empty', label: 'is not empty' },
];

interface PropertyFilterFormProps {
  /** The columns on screen: the properties whose values Contact Desk keeps. */
  columns: readonly string[];
  properties: PropertyIndex;
  onAdd(filter: ViewFilter): void;
}

/** A filter on any column: "City is any of Berlin, Bern", "Phone is empty", "Job title contains sales". */
export function PropertyFilterForm({ columns, properties, onAdd }: PropertyFilterFormProps) {
  const [property, setProperty] = useState(columns[0] ?? '');
  const [operator, setOperator] = useState<Operator>('is-any-of');
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const options = properties.get(property)?.options ?? [];
  // the app takes at most 500 values of up to 1,000 characters each
  const typedValues = [...new Set(text.split(',').map((value) => value.trim().slice(0, 1000)).filter(Boolean))].slice(0, 500);

  const filter: ViewFilter | null =
    operator === 'is-empty' || operator === 'is-not-empty'
      ? { kind: operator, property }
      : operator === 'contains'
        ? text.trim() === '' ? null : { kind: 'contains', property, text: text.trim() }
        : (options.length > 0 ? chosen : typedValues).length === 0 ? null : { kind: 'is-any-of', property, values: options.length > 0 ? chosen : typedValues };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (filter === null || property === '') return;
    onAdd(filter);
    setText('');
    setChosen([]);
  };

  return (
    <form className="filters__group" onSubmit={submit}>
      <div className="filters__row">
        <label className="field">
          <span className="field__label">Column</span>
          <select className="input input--small" value={property} onChange={(event) => { setProperty(event.target.value); setChosen([]); }}>
            {columns.map((name) => (
              <option key={name} value={name}>
                {labelOf(name, properties)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">Condition</span>
          <select className="input input--small" value={operator} onChange={(event) => setOperator(event.target.value as Operator)}>
            {operators.map((candidate) => (
              <option key={candidate.value} value={candidate.value}>
                {candidate.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {operator === 'is-any-of' && options.length > 0 && (
        <CheckList legend={`Values of ${labelOf(property, properties)}`} options={options} selected={chosen} onChange={setChosen} searchable={options.length > 8} />
      )}
      {(operator === 'contains' || (operator === 'is-any-of' && options.length === 0)) && (
        <label className="field">
          <span className="field__label">{operator === 'contains' ? 'Text' : 'Values, separated by commas'}</span>
          <input className="input input--small" value={text} maxLength={operator === 'contains' ? 200 : 5000} onChange={(event) => setText(event.target.value)} dir="auto" />
        </label>
      )}
      <button type="submit" className="button button--small" disabled={filter === null}>
        Add filter
      </button>
    </form>
  );
}
