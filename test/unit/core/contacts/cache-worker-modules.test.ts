import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

/** The project's modules a module loads when it runs (type-only imports are erased), followed transitively. */
function loadedModules(entry: URL): Set<string> {
  const seen = new Set<string>();
  const visit = (file: URL) => {
    if (seen.has(file.href)) return;
    seen.add(file.href);
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^(?:import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?'(\.[^']+)'/gm)) visit(new URL(match[1]!, file));
  };
  visit(entry);
  return seen;
}

const projectFile = (path: string) => new URL(`../../../../${path}`, import.meta.url).href;

test('the cache workers do not load the HubSpot owners API (its response schemas), only the rule for "Me"', () => {
  const modules = loadedModules(new URL(projectFile('electron/core/contacts/cache-worker.ts')));
  assert.ok(modules.has(projectFile('electron/core/contacts/filter-queries.ts')), 'the walk follows the worker\'s imports');
  assert.ok(modules.has(projectFile('electron/core/hubspot/owner-of-user.ts')));
  assert.ok(!modules.has(projectFile('electron/core/hubspot/owners-api.ts')), 'each of the three workers would load it: about 6 MB of memory apiece');
});
