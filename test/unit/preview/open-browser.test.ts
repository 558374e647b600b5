import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browserCommand } from '../../../electron/preview/open-browser.ts';

const link = 'http://127.0.0.1:5199/?launch=AbC-123_xyz';

test('each desktop opens the link with its own default-browser command', (t) => {
  const bin = mkdtempSync(join(tmpdir(), 'open-browser-'));
  t.after(() => rmSync(bin, { recursive: true, force: true }));
  writeFileSync(join(bin, 'xdg-open'), '#!/bin/sh\n');
  chmodSync(join(bin, 'xdg-open'), 0o755);

  assert.deepEqual(browserCommand(link, 'darwin', {}), { command: 'open', args: [link] });
  assert.deepEqual(browserCommand(link, 'win32', {}), { command: 'cmd.exe', args: ['/d', '/s', '/c', `start "" "${link}"`], verbatim: true });
  assert.deepEqual(browserCommand(link, 'linux', { DISPLAY: ':0', PATH: bin }), { command: join(bin, 'xdg-open'), args: [link] });
  assert.deepEqual(browserCommand(link, 'linux', { WAYLAND_DISPLAY: 'wayland-0', PATH: bin }), { command: join(bin, 'xdg-open'), args: [link] });
});

test('no graphical session, no xdg-open, or opening turned off: the link is only printed', () => {
  assert.equal(browserCommand(link, 'linux', { PATH: '/usr/bin:/bin' }), null, 'a server or SSH session would get a text browser in the terminal');
  assert.equal(browserCommand(link, 'linux', { DISPLAY: ':0', PATH: '/nonexistent' }), null);
  assert.equal(browserCommand(link, 'darwin', { CONTACT_DESK_PREVIEW_OPEN: '0' }), null);
});

test('only the preview’s own kind of link is ever handed to a shell command', () => {
  for (const url of ['http://127.0.0.1:5199/?launch=a&calc', 'http://127.0.0.1:5199/?launch=a"b', 'https://example.com/', 'file:///etc/passwd', 'http://127.0.0.1:5199/x|y']) {
    assert.equal(browserCommand(url, 'win32', {}), null, url);
    assert.equal(browserCommand(url, 'darwin', {}), null, url);
  }
  assert.notEqual(browserCommand('http://localhost:5200/', 'darwin', {}), null);
});
