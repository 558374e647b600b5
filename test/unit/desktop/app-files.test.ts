import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { resolveAppFile, responseHeaders } from '../../../electron/desktop/app-files.ts';
import { contentSecurityPolicy } from '../../../electron/desktop/security-policy.ts';

const root = resolve('/opt/Contact Desk/resources/app.asar/dist/renderer');

test('serves the files of the built renderer with their content type', () => {
  assert.deepEqual(resolveAppFile(root, 'app://contact-desk/'), { path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  assert.deepEqual(resolveAppFile(root, 'app://contact-desk/index.html?x=1#/contacts'), { path: join(root, 'index.html'), contentType: 'text/html; charset=utf-8' });
  assert.deepEqual(resolveAppFile(root, 'app://contact-desk/assets/index-C0eBi1PI.js'), {
    path: join(root, 'assets', 'index-C0eBi1PI.js'),
    contentType: 'text/javascript; charset=utf-8',
  });
  assert.equal(resolveAppFile(root, 'app://contact-desk/assets/index-qgxjBPQK.css')?.contentType, 'text/css; charset=utf-8');
  assert.equal(resolveAppFile(root, 'app://contact-desk/assets/My%20Font.woff2')?.path, join(root, 'assets', 'My Font.woff2'));
});

test('refuses anything outside the renderer folder', () => {
  const refused = [
    'app://contact-desk/assets/..%2f..%2fconfig.json',
    'app://contact-desk/assets/..%5c..%5cconfig.json',
    'app://contact-desk/assets%5c..%5c..%5cconfig.json',
    'app://contact-desk/C:%5cWindows%5cwin.ini',
    'app://contact-desk/C:/Windows/win.ini.txt',
    'app://contact-desk/index.html%00.png',
    'app://contact-desk/%E0%A4%A', // malformed escape
    'app://other-host/index.html',
    'app://user@contact-desk/index.html',
    'file:///opt/Contact%20Desk/resources/app.asar/dist/renderer/index.html',
    'https://contact-desk/index.html',
    'not a url',
  ];
  for (const url of refused) assert.equal(resolveAppFile(root, url), null, url);
});

test('dot segments cannot climb above the renderer folder', () => {
  // The URL parser resolves them first, so the request lands inside the folder, never above it.
  assert.equal(resolveAppFile(root, 'app://contact-desk/../../../../etc/passwd.txt')?.path, join(root, 'etc', 'passwd.txt'));
  assert.equal(resolveAppFile(root, 'app://contact-desk/assets/../../index.html')?.path, join(root, 'index.html'));
  assert.equal(resolveAppFile(root, 'app://contact-desk/%2e%2e/%2e%2e/secret.json')?.path, join(root, 'secret.json'));
});

test('refuses file types the renderer never ships', () => {
  assert.equal(resolveAppFile(root, 'app://contact-desk/config'), null);
  assert.equal(resolveAppFile(root, 'app://contact-desk/tokens.sqlite'), null);
  assert.equal(resolveAppFile(root, 'app://contact-desk/main.cjs'), null);
});

test('every response carries the CSP and nosniff', () => {
  const file = resolveAppFile(root, 'app://contact-desk/index.html');
  assert.ok(file);
  const headers = responseHeaders(file);
  assert.equal(headers['content-security-policy'], contentSecurityPolicy);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  assert.equal(headers['content-type'], 'text/html; charset=utf-8');
});
