/** Column facts the table and the export share: labels, widths, and the visible-columns list edits. */
import type { PropertyInfo } from '../../../electron/ipc/types.ts';

export type PropertyIndex = ReadonlyMap<string, PropertyInfo>;

export const indexProperties = (properties: readonly PropertyInfo[]): PropertyIndex => new Map(properties.map((property) => [property.name, property]));

/** The label HubSpot shows for a property; before the properties load, the internal name. */
export const labelOf = (name: string, properties: PropertyIndex): string => properties.get(name)?.label || name;

/** Narrowest useful widths; columns share out any spare room in proportion to these. */
const widths: Record<string, number> = {
  firstname: 130,
  lastname: 140,
  email: 240,
  phone: 160,
  mobilephone: 160,
  company: 190,
  jobtitle: 180,
  lifecyclestage: 150,
  city: 140,
  country: 150,
};

export function widthOf(name: string, properties: PropertyIndex): number {
  const known = widths[name];
  if (known !== undefined) return known;
  const type = properties.get(name)?.type;
  if (type === 'datetime') return 180;
  if (type === 'date' || type === 'number' || type === 'bool') return 130;
  return 170;
}

/** Shows or hides one column; a newly shown column goes last, and at least one always stays. */
export function toggleColumn(visible: readonly string[], name: string, show: boolean): string[] {
  if (show) return visible.includes(name) ? [...visible] : [...visible, name];
  const next = visible.filter((column) => column !== name);
  return next.length === 0 ? [...visible] : next;
}

/** The chooser's order: shown columns first, in table order, then the rest by label. */
export function chooserOrder(visible: readonly string[], properties: readonly PropertyInfo[]): PropertyInfo[] {
  const byName = indexProperties(properties);
  const shown = visible.map((name) => byName.get(name) ?? { name, label: name, type: 'string', groupName: '', description: '', hidden: false, options: [], synced: true });
  const rest = properties
    .filter((property) => !visible.includes(property.name) && (!property.hidden || property.synced))
    .sort((a, b) => a.label.localeCompare(b.label));
  return [...shown, ...rest];
}
