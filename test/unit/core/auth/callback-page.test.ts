import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { callbackPageHeaders, pages, renderCallbackPage } from '../../../../electron/core/auth/callback-page.ts';

test('the only inline style is allowed by its hash and nothing else may load', () => {
  const html = renderCallbackPage(pages.connected());
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1];
  assert.ok(style);
  const csp = callbackPageHeaders['Content-Security-Policy'] ?? '';
  assert.ok(csp.includes(`style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'`));
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.doesNotMatch(html, /<script|<link|<img|src=|href=/i);
});

test('the success page says what to do next', () => {
  assert.match(renderCallbackPage(pages.connected()), /You're connected — you can close this tab and return to Contact Desk/);
});

test('messages are escaped, so HubSpot text cannot become markup', () => {
  const html = renderCallbackPage(pages.failed('HubSpot said: “<img src=x onerror=alert(1)>” & more'));
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /&#60;img src=x onerror=alert\(1\)&#62;” &#38; more/);
});
