/**
 * A KeyValueStore persisted as one JSON file, for tests and the browser preview (the desktop app
 * uses electron-store). Reads come from memory; every change rewrites the file atomically
 * (temporary file + rename), so a crash leaves the old or the new content, never half of it.
 *
 *   const store = openJsonFileStore(join(dataDir, 'store.json'));
 *
 * Values must be JSON-serialisable; `get` returns a copy, so callers cannot change the store by
 * mutating what they read.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { KeyValueStore } from '../core/ports.ts';

export function openJsonFileStore(file: string): KeyValueStore {
  const data = readExisting(file);
  const save = () => {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(Object.fromEntries(data), null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  };
  return {
    get: (key) => structuredClone(data.get(key)),
    set(key, value) {
      if (value === undefined) throw new TypeError(`Cannot store undefined under "${key}"; use delete.`);
      data.set(key, JSON.parse(JSON.stringify(value)) as unknown);
      save();
    },
    delete(key) {
      if (!data.delete(key)) return;
      save();
    },
  };
}

/** A damaged file is set aside (not deleted) and the store starts empty. */
function readExisting(file: string): Map<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return new Map(Object.entries(parsed));
  } catch {
    // fall through
  }
  renameSync(file, `${file}.damaged-${Date.now()}`);
  return new Map();
}
