import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// Playwright's own browser download does not work on every machine: use the system Chromium where
// there is one (Debian's /usr/bin/chromium), Playwright's bundled one otherwise.
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path));

export default defineConfig({
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 2,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    // On failure: the trace's actions, console and network, and a screenshot. The trace's DOM
    // snapshots and screencast are left out: recording them on every action made each test about
    // 40% slower (a sign-in test: 6.7 s with them, 4.1 s without).
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: systemChromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    { name: 'e2e', testDir: 'test/e2e', testMatch: '**/*.spec.ts' },
    { name: 'electron', testDir: 'test/integration/desktop', testMatch: '**/*.spec.ts' },
    // The built main process and preload against a stand-in of Electron's API (test/desktop-rehearsal/README.md).
    // Each test launches the app process (several for the keychain and start-up ones), and its page
    // waits for that process's start-up: more time on a busy machine than a page of the preview.
    { name: 'rehearsal', testDir: 'test/desktop-rehearsal', testMatch: '**/*.spec.ts', timeout: 120_000, expect: { timeout: 20_000 } },
  ],
});
