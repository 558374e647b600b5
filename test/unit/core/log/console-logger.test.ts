import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createConsoleLogger } from '../../../../electron/core/log/console-logger.ts';

test('prints one readable, redacted line per call', () => {
  const lines: string[] = [];
  const log = createConsoleLogger({ write: (line) => lines.push(line), now: () => Date.UTC(2026, 10, 23, 10, 42, 7) });
  log.info('auth: token exchanged', { accessToken: 'secret-value', user: 'jane@acme.com', hubId: 42 });
  log.warn('plain');
  assert.deepEqual(lines, ['10:42:07 info  auth: token exchanged {"accessToken":"[redacted]","user":"[email]","hubId":42}\n', '10:42:07 warn  plain\n']);
});

test('a failing output does not throw', () => {
  const log = createConsoleLogger({
    write: () => {
      throw new Error('EPIPE');
    },
  });
  assert.doesNotThrow(() => log.error('nobody listening'));
});
