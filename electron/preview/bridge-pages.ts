/** What the preview server answers when it refuses: short text, or a small page a person can act on. */
import type { ServerResponse } from 'node:http';

const pageSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function send(response: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' });
  response.end(body);
}

export interface RefusalPage {
  title: string;
  paragraphs: string[];
}

export function sendPage(response: ServerResponse, status: number, page: RefusalPage): void {
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(page.title)} · Contact Desk preview</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.375rem}code{background:#f0f4f8;padding:0 .25rem;border-radius:4px}</style></head>
<body><main><h1>${escape(page.title)}</h1>${page.paragraphs.map((text) => `<p>${escape(text)}</p>`).join('')}</main></body>
</html>
`;
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': pageSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  response.end(html);
}

export function noSessionPage(host: string): RefusalPage {
  return {
    title: 'Open Contact Desk with its launch link',
    paragraphs: [
      `The Contact Desk preview at ${host} only answers the browser that opened its launch link: the address ending in /?launch=… that it printed in the terminal where it was started.`,
      'Open that link here. Each link works once; to open the preview in another browser, press Enter in that terminal for a new link. If the preview was restarted, use the link it printed last.',
    ],
  };
}

export const usedLaunchLinkPage: RefusalPage = {
  title: 'This launch link was already used',
  paragraphs: [
    'Each Contact Desk preview link works once, in the first browser that opens it. This one was used already, or belongs to an earlier run of the preview.',
    'Press Enter in the terminal where the preview runs for a new link. If you did not open this link before, someone else on this computer may have: stop the preview there (Ctrl+C).',
  ],
};

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
