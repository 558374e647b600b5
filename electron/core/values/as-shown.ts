/**
 * The one place that decides how a contact's values read, "as shown in Contact Desk": the table's
 * cells, the CSV export and the Excel workbook all come from here, so the file says what the table
 * showed. Pure functions of the raw HubSpot string, the property's definition and the owners.
 *
 * - dropdowns (enumerations) show their labels; several choices (checkboxes) their labels joined by
 *   "; " in HubSpot's option order;
 * - yes/no properties "Yes" / "No";
 * - Contact owner the owner's name (see owner-names.ts);
 * - dates `2023-12-04`, date-times `2023-12-04 14:19` in the computer's time zone (see dates.ts);
 * - everything else, and anything that does not parse (a stale option, a malformed date, `1e400`,
 *   `12,5`), exactly as HubSpot sent it.
 *
 * "As stored" keeps every raw string as it is, for importing into other systems.
 */
import { parseDateTimeValue, parseDateValue } from './dates.ts';
import { ownerName, type OwnerDirectory } from './owner-names.ts';

export type ValueMode = 'shown' | 'stored';

/** The parts of a HubSpot property definition that decide how its values read. */
export interface PropertyFacts {
  name: string;
  type: string;
  fieldType: string;
  /** An enumeration's options, in HubSpot's order. */
  options: readonly { value: string; label: string }[];
}

export type ColumnKind = 'text' | 'number' | 'bool' | 'date' | 'datetime' | 'choice' | 'choices' | 'owner';

/**
 * A cell as a workbook stores it: text, a number (only for HubSpot `number` properties), or a date
 * with its serial number. `text` is always what the table and the CSV show.
 */
export type TypedCell =
  | { kind: 'text'; text: string }
  | { kind: 'number'; text: string; value: number }
  | { kind: 'date' | 'datetime'; text: string; serial: number };

export interface ColumnFormat {
  kind: ColumnKind;
  /** The cell's text ('' for an empty value). */
  text(raw: string | null): string;
  /** The cell for a workbook, or null for an empty value. */
  cell(raw: string | null): TypedCell | null;
  /** Every value that is not empty is a text cell holding `text(raw)`: a workbook needs no TypedCell for it. */
  alwaysText: boolean;
}

/** Types of the properties every cache has, before HubSpot's definitions have arrived. */
const BUILT_IN_TYPES: Record<string, string> = { hs_object_id: 'number', createdate: 'datetime', lastmodifieddate: 'datetime' };
const OWNER_PROPERTY = 'hubspot_owner_id';

export function columnKind(name: string, property: PropertyFacts | undefined): ColumnKind {
  if (name === OWNER_PROPERTY) return 'owner';
  const type = property?.type ?? BUILT_IN_TYPES[name] ?? 'string';
  switch (type) {
    case 'number':
      return 'number';
    case 'bool':
      return 'bool';
    case 'date':
      return 'date';
    case 'datetime':
      return 'datetime';
    case 'enumeration':
      return property?.fieldType === 'checkbox' ? 'choices' : 'choice';
    default:
      return 'text';
  }
}

const textCell = (text: string): TypedCell => ({ kind: 'text', text });
/** Kinds whose workbook cells can be numbers or dates (see typedCell); every other kind is text. */
const TYPED_KINDS: ReadonlySet<ColumnKind> = new Set(['number', 'date', 'datetime']);

/** How one column's values read; build it once per column and call it for every row. */
export function columnFormat(name: string, property: PropertyFacts | undefined, owners: OwnerDirectory, mode: ValueMode): ColumnFormat {
  const kind = columnKind(name, property);
  if (mode === 'stored') return { kind, text: (raw) => raw ?? '', cell: (raw) => (raw === null || raw === '' ? null : textCell(raw)), alwaysText: true };
  const show = shownText(kind, property, owners);
  const typed = typedCell(kind, show);
  return {
    kind,
    text: (raw) => (raw === null || raw === '' ? '' : show(raw)),
    cell: (raw) => (raw === null || raw === '' ? null : typed(raw)),
    alwaysText: !TYPED_KINDS.has(kind),
  };
}

function shownText(kind: ColumnKind, property: PropertyFacts | undefined, owners: OwnerDirectory): (raw: string) => string {
  switch (kind) {
    case 'choice': {
      const labels = new Map(property?.options.map((option) => [option.value, option.label]));
      return (raw) => labels.get(raw) ?? raw;
    }
    case 'choices':
      return choicesText(property?.options ?? []);
    case 'bool':
      return (raw) => (raw === 'true' ? 'Yes' : raw === 'false' ? 'No' : raw);
    case 'owner':
      return (raw) => ownerName(raw, owners);
    case 'date':
      return (raw) => parseDateValue(raw)?.text ?? raw;
    case 'datetime':
      return (raw) => parseDateTimeValue(raw)?.text ?? raw;
    default:
      return (raw) => raw;
  }
}

/**
 * Several choices: HubSpot joins the internal values with ";". Their labels in HubSpot's option
 * order, joined by "; "; a value with no option left (HubSpot keeps stale ones) shows as it is,
 * after the known ones.
 */
function choicesText(options: PropertyFacts['options']): (raw: string) => string {
  const byValue = new Map(options.map((option, order) => [option.value, { order, label: option.label }]));
  return (raw) => {
    const known: { order: number; label: string }[] = [];
    const unknown: string[] = [];
    for (const value of raw.split(';')) {
      if (value === '') continue;
      const option = byValue.get(value);
      if (option) known.push(option);
      else unknown.push(value);
    }
    known.sort((a, b) => a.order - b.order);
    return [...known.map((option) => option.label), ...unknown].join('; ');
  };
}

function typedCell(kind: ColumnKind, show: (raw: string) => string): (raw: string) => TypedCell {
  switch (kind) {
    case 'number':
      return (raw) => {
        const value = spreadsheetNumber(raw);
        return value === null ? textCell(raw) : { kind: 'number', text: raw, value };
      };
    case 'date':
      return (raw) => {
        const date = parseDateValue(raw);
        return date ? { kind: 'date', ...date } : textCell(raw);
      };
    case 'datetime':
      return (raw) => {
        const date = parseDateTimeValue(raw);
        return date ? { kind: 'datetime', ...date } : textCell(raw);
      };
    default:
      return (raw) => textCell(show(raw));
  }
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Spreadsheets keep 15 significant digits; a longer number would be shown rounded. */
const MAX_DIGITS = 15;

/** A HubSpot number as a spreadsheet number, or null when it would not come out exactly (`1e400`, `12,5`, 20 digits). */
export function spreadsheetNumber(raw: string): number | null {
  if (!DECIMAL.test(raw)) return null;
  const value = Number(raw);
  if (!Number.isFinite(value)) return null;
  const mantissa = raw.replace(/^[+-]/, '').replace(/[eE].*$/, '').replace('.', '');
  const significant = mantissa.replace(/^0+/, '').replace(/0+$/, '');
  return significant.length <= MAX_DIGITS ? value : null;
}

/** One formatter per column, for rows of raw cells in column order. */
export function rowTextFormatter(columns: readonly ColumnFormat[]): (raw: readonly (string | null)[]) => string[] {
  return (raw) => columns.map((column, i) => column.text(raw[i] ?? null));
}
