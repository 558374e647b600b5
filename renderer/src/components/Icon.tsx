/** Line icons drawn on a 24×24 grid in the current text colour. Decorative: the text next to them says it all. */
import type { ReactNode } from 'react';

const paths = {
  search: <><circle cx="11" cy="11" r="7" /><path d="m20 20-3.5-3.5" /></>,
  sync: <><path d="M20 11a8 8 0 0 0-14.3-4.9L4 8" /><path d="M4 3v5h5" /><path d="M4 13a8 8 0 0 0 14.3 4.9L20 16" /><path d="M20 21v-5h-5" /></>,
  download: <><path d="M12 4v11" /><path d="m7 10 5 5 5-5" /><path d="M5 20h14" /></>,
  filter: <path d="M4 5h16l-6 7.5V18l-4 2v-7.5z" />,
  columns: <><rect x="3" y="4" width="18" height="16" rx="2" /><path d="M9 4v16M15 4v16" /></>,
  chevronDown: <path d="m6 9 6 6 6-6" />,
  sortAscending: <><path d="M12 19V5" /><path d="m6 11 6-6 6 6" /></>,
  sortDescending: <><path d="M12 5v14" /><path d="m6 13 6 6 6-6" /></>,
  sortable: <><path d="m8 9 4-4 4 4" /><path d="m8 15 4 4 4-4" /></>,
  close: <path d="M6 6l12 12M18 6 6 18" />,
  user: <><circle cx="12" cy="8" r="4" /><path d="M4 21a8 8 0 0 1 16 0" /></>,
  signOut: <><path d="M10 4H5a1 1 0 0 0-1 1v14a1 1 0 0 0 1 1h5" /><path d="M15 16l4-4-4-4" /><path d="M19 12H9" /></>,
  folder: <path d="M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z" />,
  externalLink: <><path d="M14 4h6v6" /><path d="M20 4 11 13" /><path d="M18 14v5a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V7a1 1 0 0 1 1-1h5" /></>,
  warning: <><path d="M12 3 2 21h20z" /><path d="M12 10v5M12 18v.01" /></>,
  info: <><circle cx="12" cy="12" r="9" /><path d="M12 11v6M12 7.5v.01" /></>,
  success: <><circle cx="12" cy="12" r="9" /><path d="m8 12 3 3 5-6" /></>,
  error: <><circle cx="12" cy="12" r="9" /><path d="M12 7v6M12 16.5v.01" /></>,
  key: <><circle cx="8" cy="15" r="4" /><path d="m11 12 9-9M17 6l3 3M15 8l2 2" /></>,
  lock: <><rect x="5" y="11" width="14" height="10" rx="2" /><path d="M8 11V7a4 4 0 0 1 8 0v4" /></>,
  settings: <><circle cx="12" cy="12" r="3" /><path d="M19.11 9.96L21.51 10.66L21.51 13.34L19.11 14.04L18.47 15.59L19.67 17.78L17.78 19.67L15.59 18.47L14.04 19.11L13.34 21.51L10.66 21.51L9.96 19.11L8.41 18.47L6.22 19.67L4.33 17.78L5.53 15.59L4.89 14.04L2.49 13.34L2.49 10.66L4.89 9.96L5.53 8.41L4.33 6.22L6.22 4.33L8.41 5.53L9.96 4.89L10.66 2.49L13.34 2.49L14.04 4.89L15.59 5.53L17.78 4.33L19.67 6.22L18.47 8.41Z" /></>,
  plug: <><path d="M9 3v5M15 3v5" /><path d="M6 8h12v3a6 6 0 0 1-12 0z" /><path d="M12 17v4" /></>,
} as const;

export type IconName = keyof typeof paths;

/** The line-drawn 24×24 frame every icon of the app shares; decorative, so hidden from screen readers. */
export function Glyph({ className, size, state, children }: { className: string; size: number; state?: string; children: ReactNode }) {
  return (
    <svg
      className={className}
      viewBox="0 0 24 24"
      width={size}
      height={size}
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      data-state={state}
    >
      {children}
    </svg>
  );
}

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <Glyph className={className ? `icon ${className}` : 'icon'} size={20}>
      {paths[name]}
    </Glyph>
  );
}
