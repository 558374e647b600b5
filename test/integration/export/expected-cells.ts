/**
 * What an exported cell must hold, written from the documents — FORMULA_POLICY.md's tables and the
 * README's "as shown" list — and from the sandbox's own data, never with the code under test. The
 * export tests and the LibreOffice policy check compare the files with these.
 */
import type { SandboxOwner } from '../../../sandbox/owners.ts';
import { CONTACT_PROPERTIES } from '../../../sandbox/properties.ts';

/** FORMULA_POLICY.md, table by table: what the file holds for a value. */
export function expectedCsvField(value: string, excelFriendly: boolean): string {
  if (excelFriendly && /^(0\d+|\d{16,})$/.test(value)) return `'${value}`;
  // Parts between , ; tab CR LF are judged alone, by their first visible character.
  return value
    .split(/([,;\t\r\n])/)
    .map((part, i) => {
      if (i % 2 === 1) return part;
      const [, invisible = '', rest = ''] = /^([\p{Z}\p{Cc}\p{Cf}]*)([^]*)$/u.exec(part)!;
      const plainNumber = /^[+-]\d+([.,]\d+)*$/.test(rest);
      const phone = /^\+\d[\d ().-]*\d$/.test(rest) && /[\d)] +[\d(]/.test(rest) && rest.replace(/\D/g, '').length >= 7;
      const risky = /^['=@]/.test(rest) || (/^[+-]/.test(rest) && !plainNumber && !phone);
      return risky ? `${invisible}'${rest}` : part;
    })
    .join('');
}

/** LibreOffice reads CR LF as one line break and drops the other control characters but tab, LF, U+0085 and DEL from what a cell shows. */
export const visible = (text: string) => [...text.replaceAll('\r\n', '\n')].filter((char) => !/^\p{Cc}$/u.test(char) || '\t\n\u0085\u007f'.includes(char)).join('');

/** HubSpot's labels for the dropdowns, from the sandbox's property definitions. */
const LABELS = new Map(CONTACT_PROPERTIES.filter((p) => p.options.length > 0).map((p) => [p.name, new Map(p.options.map((o) => [o.value, o.label]))]));
const DATE_TIMES = new Set(CONTACT_PROPERTIES.filter((p) => p.type === 'datetime').map((p) => p.name));

/**
 * The README's "As shown" list: labels, owners by name, date-times to the minute in `timeZone`
 * (Swedish dates are ISO-shaped), the rest as HubSpot sent it.
 */
export function shownValues(timeZone: string, owners: readonly SandboxOwner[]): (column: string, raw: string) => string {
  const minute = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const byId = new Map(owners.map((owner) => [owner.id, owner]));
  return (column, raw) => {
    if (raw === '') return '';
    if (column === 'hubspot_owner_id') return ownerShown(raw, byId.get(raw));
    const labels = LABELS.get(column);
    if (labels) return labels.get(raw) ?? raw;
    if (DATE_TIMES.has(column) && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(raw)) return minute.format(new Date(raw));
    return raw;
  };
}

/** "First Last"; the email when there is no name; "Unknown owner (id)" for an id HubSpot no longer lists. */
function ownerShown(id: string, owner: SandboxOwner | undefined): string {
  const name = [owner?.firstName, owner?.lastName].filter((part) => part && part.trim()).map((part) => part!.trim()).join(' ');
  return !owner ? `Unknown owner (${id})` : name || owner.email || `Unknown owner (${id})`;
}
