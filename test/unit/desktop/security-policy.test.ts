import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  appEntryUrl,
  appSchemePrivileges,
  contentSecurityPolicy,
  isAllowedExternalUrl,
  isAllowedNavigation,
  isAllowedSessionRequest,
  isAppUrl,
  isTrustedSender,
} from '../../../electron/desktop/security-policy.ts';

const trusted = { frameUrl: appEntryUrl, isTopFrame: true, isMainWindow: true };

test('the main window top frame showing our page is trusted', () => {
  assert.equal(isTrustedSender(trusted), true);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: 'app://contact-desk/' }), true);
  assert.equal(isTrustedSender({ ...trusted, frameUrl: 'app://contact-desk/index.html#/contacts?x=1' }), true);
});

test('every other sender is refused', () => {
  const refused = [
    { ...trusted, isTopFrame: false }, // an iframe inside our page
    { ...trusted, isMainWindow: false }, // another webContents (devtools, a popup that slipped through)
    { ...trusted, frameUrl: null }, // the frame navigated away or was destroyed
    { ...trusted, frameUrl: 'https://evil.example/' },
    { ...trusted, frameUrl: 'file:///home/jane/dist/renderer/index.html' },
    { ...trusted, frameUrl: 'app://contact-desk.evil.example/index.html' },
    { ...trusted, frameUrl: 'app://evil/index.html' },
    { ...trusted, frameUrl: 'app://user:pass@contact-desk/index.html' },
    { ...trusted, frameUrl: 'apps://contact-desk/index.html' },
    { ...trusted, frameUrl: 'http://contact-desk/index.html' },
    { ...trusted, frameUrl: 'about:blank' },
    { ...trusted, frameUrl: 'data:text/html,<script>1</script>' },
    { ...trusted, frameUrl: '' },
    { ...trusted, frameUrl: 'not a url' },
  ];
  for (const sender of refused) assert.equal(isTrustedSender(sender), false, JSON.stringify(sender));
});

test('navigation is allowed only within the app', () => {
  assert.equal(isAllowedNavigation(appEntryUrl), true);
  for (const url of ['https://app.hubspot.com/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://other/index.html', 'about:blank']) {
    assert.equal(isAllowedNavigation(url), false, url);
  }
  assert.equal(isAppUrl('app://contact-desk:8080/index.html'), false, 'no port');
});

test('only the configured consent origin may open in the browser', () => {
  const hubspot = ['https://app.hubspot.com'];
  assert.equal(isAllowedExternalUrl('https://app.hubspot.com/oauth/authorize?client_id=x&scope=oauth', hubspot), true);
  assert.equal(isAllowedExternalUrl('https://app.hubspot.com:443/oauth/authorize', hubspot), true);
  const refused = [
    'https://app.hubspot.com.evil.example/oauth/authorize',
    'https://evil.example/?https://app.hubspot.com',
    'http://app.hubspot.com/oauth/authorize', // plain http to a real host
    'https://user@app.hubspot.com/oauth/authorize',
    'https://app.hubspot.com:8443/oauth/authorize',
    'file:///C:/Windows/System32/calc.exe',
    'smb://evil.example/share',
    'ms-msdt:/id PCWDiagnostic',
    'javascript:alert(1)',
    'not a url',
    '',
  ];
  for (const url of refused) assert.equal(isAllowedExternalUrl(url, hubspot), false, url);
});

test('the local sandbox may use plain http on this computer only', () => {
  assert.equal(isAllowedExternalUrl('http://127.0.0.1:41234/oauth/authorize', ['http://127.0.0.1:41234']), true);
  assert.equal(isAllowedExternalUrl('http://localhost:41234/oauth/authorize', ['http://localhost:41234']), true);
  assert.equal(isAllowedExternalUrl('http://127.0.0.1:41235/oauth/authorize', ['http://127.0.0.1:41234']), false);
  assert.equal(isAllowedExternalUrl('http://192.168.1.5:41234/oauth/authorize', ['http://192.168.1.5:41234']), false);
  assert.equal(isAllowedExternalUrl('https://app.hubspot.com/', []), false);
});

test('the window session may fetch only app files and inline images', () => {
  for (const url of ['app://contact-desk/assets/index.js', 'data:image/png;base64,AAAA', 'devtools://devtools/bundled/inspector.html']) {
    assert.equal(isAllowedSessionRequest(url), true, url);
  }
  for (const url of ['https://api.hubapi.com/crm/objects/2026-03/contacts', 'http://127.0.0.1:1234/', 'wss://evil.example/', 'file:///etc/passwd', 'ftp://x/', 'app://other/x.js', 'garbage']) {
    assert.equal(isAllowedSessionRequest(url), false, url);
  }
});

test('the content security policy allows scripts from the app only', () => {
  const directives = new Map(contentSecurityPolicy.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1).join(' ')]));
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('script-src'), "'self'");
  assert.equal(directives.get('connect-src'), "'none'");
  assert.equal(directives.get('object-src'), "'none'");
  assert.equal(directives.get('frame-ancestors'), "'none'");
  assert.doesNotMatch(contentSecurityPolicy, /unsafe-inline|unsafe-eval|\*/);
});

test('the app scheme is a standard, secure origin that other origins cannot read (no corsEnabled)', () => {
  assert.deepEqual(Object.keys(appSchemePrivileges).sort(), ['codeCache', 'secure', 'standard', 'supportFetchAPI']);
  assert.equal('corsEnabled' in appSchemePrivileges, false);
  assert.equal('bypassCSP' in appSchemePrivileges, false);
});
