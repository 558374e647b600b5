/** sandbox/README.md stands alone in a fresh clone: what it points at is in the repository, and its example imports resolve. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const readme = readFileSync(join(root, 'sandbox/README.md'), 'utf8');
const inRepo = (path: string) => !relative(root, path).startsWith('..');

test('the sandbox README links only to files in the repository', () => {
  for (const [, target] of readme.matchAll(/\]\(([^)]+)\)/g)) {
    if (/^[a-z]+:/.test(target as string)) continue;
    const path = resolve(root, 'sandbox', (target as string).split('#')[0] as string);
    assert.ok(inRepo(path) && existsSync(path), `link ${target}`);
  }
  assert.doesNotMatch(readme, /\.\.\/shared|\/shared\//, 'no pointer to the team folder');
});

test('the README\'s example imports resolve from where it says the code sits (test/integration/<area>/)', () => {
  const from = join(root, 'test/integration/some-area');
  const imports = [...readme.matchAll(/from '(\.[^']+)'/g)].map((m) => m[1] as string);
  assert.ok(imports.length >= 2);
  for (const path of imports) assert.ok(existsSync(resolve(from, path)), path);
});
