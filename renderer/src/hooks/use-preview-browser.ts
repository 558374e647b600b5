import { useState } from 'react';
import { useApiEvent } from './use-api-event.ts';

/**
 * The browser preview cannot open the system browser or show a Save dialog, so the shell asks the
 * page: `openUrl` opens a tab (and the address is kept, so a blocked pop-up is not a dead end), and
 * `download` hands a finished export to the browser's downloads.
 */
export function usePreviewBrowser(): { openedUrl: string | null } {
  const [openedUrl, setOpenedUrl] = useState<string | null>(null);

  useApiEvent('openUrl', ({ url }) => {
    if (!/^https?:\/\//i.test(url)) return;
    setOpenedUrl(url);
    window.open(url, '_blank', 'noopener,noreferrer');
  });

  useApiEvent('download', ({ url, fileName }) => {
    // Only the preview server's own download links: same origin, by path.
    if (!url.startsWith('/') || url.startsWith('//')) return;
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  });

  return { openedUrl };
}
