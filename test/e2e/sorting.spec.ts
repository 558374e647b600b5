import { KNOWN_CONTACTS } from '../../sandbox/contacts-data.ts';
import { test, expect, columnTexts, signIn } from './fixtures.ts';

// Tall enough that all 300 rows are in the DOM at once (the table only renders what fits).
test.use({ setup: { contacts: 300 }, viewport: { width: 1280, height: 11_500 } });

const baseLetter = (name: string) => name.normalize('NFD').charAt(0).toLowerCase();

test('sorted by last name, Álvarez is among the A\'s, and the names follow the language\'s order', async ({ app }) => {
  await signIn(app);
  await expect(app.getByText('300 contacts', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(app.getByTestId('sync-progress')).toHaveCount(0, { timeout: 30_000 });
  const table = app.getByRole('table', { name: 'Contacts' });
  await expect(table.getByRole('columnheader', { name: /Last Name/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.locator('[role="rowgroup"]:last-child [role="row"]:not(.grid__row--loading)')).toHaveCount(300);

  const names = await columnTexts(app, 'Last Name');
  const alvarez = names.indexOf(KNOWN_CONTACTS.email.lastname);
  expect(alvarez, 'Álvarez is listed').toBeGreaterThanOrEqual(0);
  const letters = names.map(baseLetter);
  const firstB = letters.indexOf('b');
  expect(alvarez).toBeLessThan(firstB);
  // every name that starts with a letter, before Álvarez and up to the B's, starts with an A
  expect(letters.slice(0, firstB).filter((letter) => /\p{L}/u.test(letter))).toEqual(letters.slice(0, firstB).filter((letter) => /\p{L}/u.test(letter)).map(() => 'a'));
  // Names that start with a letter come in Intl.Collator's order (blanks last, symbols first).
  const collator = new Intl.Collator();
  const lettered = names.filter((name) => /^\p{L}/u.test(name));
  expect(lettered).toEqual([...lettered].sort(collator.compare));
  expect(names.slice(-3).some((name) => name === '')).toBe(true);
});
