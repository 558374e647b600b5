/**
 * What a view may be called. A name is kept exactly as typed (emoji, right-to-left text, accents);
 * refused, with a sentence saying why, when it is empty, too long, hides control characters, or
 * reads the same as another view's name.
 */
import { AppError } from '../errors.ts';

export const MAX_VIEW_NAME_CHARACTERS = 100;
export const BUILT_IN_VIEW_NAMES = ['All contacts', 'My contacts'] as const;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** What a person counts as characters: 👩‍👩‍👧 is one. */
export const characterCount = (text: string): number => [...segmenter.segment(text)].length;

/** Line breaks, tabs, NUL and other controls, and the bidi overrides that can make a name read as another. */
const hiddenCharacters = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** Two names are the same view name when they read the same: spacing at the ends, case and Unicode form aside. */
export const sameViewName = (a: string, b: string): boolean => comparable(a) === comparable(b);
const comparable = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase();

/** Throws a bad-input AppError with the reason, or returns the name unchanged. */
export function checkViewName(name: string, otherNames: readonly string[]): string {
  if (name.trim() === '') throw new AppError('bad-input', 'Give the view a name.');
  const length = characterCount(name);
  if (length > MAX_VIEW_NAME_CHARACTERS) {
    throw new AppError('bad-input', `A view name can be at most ${MAX_VIEW_NAME_CHARACTERS} characters long; this one has ${length.toLocaleString('en')}.`);
  }
  if (hiddenCharacters.test(name)) throw new AppError('bad-input', 'A view name can’t contain line breaks, tabs or other invisible control characters.');
  const taken = [...BUILT_IN_VIEW_NAMES, ...otherNames].find((other) => sameViewName(other, name));
  if (taken !== undefined) throw new AppError('bad-input', `There is already a view called “${taken}”. Choose another name.`);
  return name;
}
