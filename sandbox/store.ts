/**
 * Contacts = the deterministic generator + an overlay of what changed at run time (created,
 * updated, archived). Only the overlay is held in memory.
 */
import type { ContactGenerator, Properties } from './contacts-data.ts';

export interface StoredContact {
  id: string;
  properties: Properties;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  archivedAt?: string;
}

export class ContactStore {
  readonly generator: ContactGenerator;
  /** every contact changed, created or archived at run time, by numeric id */
  readonly overlay = new Map<number, StoredContact>();
  /** ids of contacts created at run time, ascending (all > generator.total) */
  readonly createdIds: number[] = [];
  /** property names set at run time that the schema does not know */
  readonly extraPropertyNames = new Set<string>();
  /** superseded overlay versions per id, oldest first (for the search index delay) */
  private readonly history = new Map<number, StoredContact[]>();
  private nextId: number;
  private archivedCount = 0;
  private lastStamp = 0;

  constructor(generator: ContactGenerator) {
    this.generator = generator;
    this.nextId = generator.total + 1;
  }

  /** a timestamp strictly after every earlier one, so lastmodifieddate orders changes */
  private stamp(nowMs: number): string {
    this.lastStamp = Math.max(nowMs, this.lastStamp + 1, this.generator.endMs + 1);
    return new Date(this.lastStamp).toISOString();
  }

  isBase(id: number): boolean {
    return Number.isInteger(id) && id >= 1 && id <= this.generator.total;
  }

  /** current state, archived or not */
  get(id: number): StoredContact | undefined {
    const changed = this.overlay.get(id);
    if (changed) return changed;
    if (!this.isBase(id)) return undefined;
    const c = this.generator.contact(id);
    return { ...c, archived: false };
  }

  liveCount(): number {
    return this.generator.total + this.createdIds.length - this.archivedCount;
  }

  create(props: Properties, nowMs: number): StoredContact {
    const id = this.nextId++;
    const at = this.stamp(nowMs);
    const properties: Properties = { ...cleanProps(props), createdate: at, lastmodifieddate: at, hs_object_id: String(id) };
    this.noteNames(props);
    const contact: StoredContact = { id: String(id), properties, createdAt: at, updatedAt: at, archived: false };
    this.overlay.set(id, contact);
    this.createdIds.push(id);
    return contact;
  }

  update(id: number, props: Properties, nowMs: number): StoredContact {
    const current = this.get(id);
    if (!current || current.archived) throw new Error(`No live contact with id ${id}`);
    const at = this.stamp(nowMs);
    const updated: StoredContact = {
      ...current,
      properties: { ...current.properties, ...cleanProps(props), lastmodifieddate: at, hs_object_id: String(id), createdate: current.properties.createdate ?? current.createdAt },
      updatedAt: at,
    };
    this.noteNames(props);
    this.remember(id);
    this.overlay.set(id, updated);
    return updated;
  }

  archive(id: number, nowMs: number): StoredContact {
    const current = this.get(id);
    if (!current) throw new Error(`No contact with id ${id}`);
    if (current.archived) return current;
    const at = this.stamp(nowMs);
    const archived: StoredContact = { ...current, archived: true, archivedAt: at, updatedAt: at };
    this.remember(id);
    this.overlay.set(id, archived);
    this.archivedCount++;
    return archived;
  }

  /** contacts in id order with id > afterId; archived ones only when `archived`, else live ones */
  *iterate(afterId: number, archived: boolean): Generator<StoredContact> {
    if (archived) {
      const ids = [...this.overlay.values()].filter((c) => c.archived).map((c) => Number(c.id)).sort((a, b) => a - b);
      for (const id of ids) if (id > afterId) yield this.overlay.get(id) as StoredContact;
      return;
    }
    const total = this.generator.total;
    for (let id = Math.max(1, Math.floor(afterId) + 1); id <= total; id++) {
      const changed = this.overlay.get(id);
      if (changed) {
        if (!changed.archived) yield changed;
      } else {
        yield { ...this.generator.contact(id), archived: false };
      }
    }
    for (const id of this.createdIds) {
      if (id <= afterId) continue;
      const c = this.overlay.get(id) as StoredContact;
      if (!c.archived) yield c;
    }
  }

  private remember(id: number): void {
    const previous = this.overlay.get(id);
    if (!previous) return;
    const list = this.history.get(id) ?? [];
    list.push(previous);
    if (list.length > 20) list.shift();
    this.history.set(id, list);
  }

  /**
   * What search sees of the changed contacts: id → the version visible to search (null: not
   * visible, e.g. archived or created too recently). Ids absent from the map show their generated
   * version. With `delayMs` > 0, a change younger than that is not visible yet.
   */
  searchView(now: number, delayMs: number): Map<number, StoredContact | null> {
    const view = new Map<number, StoredContact | null>();
    for (const [id, current] of this.overlay) {
      let visible: StoredContact | 'generated' | null = current;
      if (delayMs > 0) {
        const older = this.history.get(id) ?? [];
        let i = older.length;
        while (visible !== null && visible !== 'generated' && now - Date.parse(visible.archivedAt ?? visible.updatedAt) < delayMs) {
          i--;
          visible = i >= 0 ? (older[i] as StoredContact) : this.isBase(id) ? 'generated' : null;
        }
      }
      if (visible === 'generated') continue;
      view.set(id, visible && !visible.archived ? visible : null);
    }
    return view;
  }

  private noteNames(props: Properties): void {
    for (const name of Object.keys(props)) this.extraPropertyNames.add(name);
  }
}

function cleanProps(props: Properties): Properties {
  const out: Properties = {};
  for (const [key, value] of Object.entries(props)) {
    if (key === 'hs_object_id' || key === 'createdate' || key === 'lastmodifieddate') continue;
    out[key] = value === null || value === undefined ? null : String(value);
  }
  return out;
}
