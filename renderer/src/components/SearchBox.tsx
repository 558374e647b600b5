import { limitSearch } from '../lib/search-input.ts';
import { Icon } from './Icon.tsx';

/** The contacts search: text up to the length the app searches, and whether typing went past it. */
export function SearchBox({ value, onChange }: { value: string; onChange(text: string, trimmed: boolean): void }) {
  return (
    <div className="search">
      <Icon name="search" className="search__icon" />
      <label htmlFor="contact-search" className="visually-hidden">
        Search contacts
      </label>
      <input
        id="contact-search"
        className="input search__input"
        type="search"
        placeholder="Search by name, email or company"
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(event) => {
          const limited = limitSearch(event.target.value);
          onChange(limited.text, limited.trimmed);
        }}
      />
    </div>
  );
}
