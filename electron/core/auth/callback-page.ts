import { createHash } from 'node:crypto';

/** The small page the browser tab shows after HubSpot sends the user back to Contact Desk. */
export interface CallbackPage {
  status: number;
  title: string;
  message: string;
  tone: 'success' | 'problem';
}

const closeHint = 'You can close this tab and return to Contact Desk.';

export const pages = {
  connected: (): CallbackPage => ({
    status: 200,
    tone: 'success',
    title: "You're connected",
    message: "You're connected — you can close this tab and return to Contact Desk.",
  }),
  failed: (sentence: string): CallbackPage => ({ status: 200, tone: 'problem', title: 'Contact Desk is not connected', message: `${sentence} ${closeHint}` }),
  refused: (status: number, sentence: string): CallbackPage => ({ status, tone: 'problem', title: 'This link was not used', message: sentence }),
};

const style = [
  'body{margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f7f9fb;color:#1f2933;font:16px/1.5 system-ui,sans-serif}',
  'main{max-width:28rem;margin:1rem;padding:2rem;background:#fff;border:1px solid #d9e2ec;border-radius:12px;box-shadow:0 2px 8px rgba(31,41,51,.08)}',
  '.brand{margin:0 0 1rem;font-size:.875rem;font-weight:600;letter-spacing:.02em;color:#52606d}',
  'h1{margin:0 0 .5rem;font-size:1.375rem}',
  '.success h1{color:#0b6e4f}',
  '.problem h1{color:#b42318}',
  'p{margin:0}',
].join('');
const styleHash = createHash('sha256').update(style).digest('base64');

/** No scripts, no external resources, no framing; the inline style is allowed by its hash only. */
export const callbackPageHeaders: Readonly<Record<string, string>> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': `default-src 'none'; style-src 'sha256-${styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
  Connection: 'close',
};

export function renderCallbackPage(page: CallbackPage): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} · Contact Desk</title>
<style>${style}</style>
</head>
<body>
<main class="${page.tone}">
<p class="brand">Contact Desk</p>
<h1>${escapeHtml(page.title)}</h1>
<p>${escapeHtml(page.message)}</p>
</main>
</body>
</html>
`;
}

/** Text goes only into element content, never into attributes. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>]/g, (character) => `&#${character.charCodeAt(0)};`);
}
