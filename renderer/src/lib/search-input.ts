/** The search box's text: at most the length the app searches, never cut through a character. */
import { searchMaxLength } from '../../../electron/ipc/contract.ts';

export function limitSearch(text: string, max = searchMaxLength): { text: string; trimmed: boolean } {
  if (text.length <= max) return { text, trimmed: false };
  // Cutting between the two halves of an emoji (a UTF-16 surrogate pair) would leave half a character.
  const last = text.charCodeAt(max - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return { text: text.slice(0, end), trimmed: true };
}
