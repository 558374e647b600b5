import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../../../electron/core/errors.ts';
import { systemClock } from '../../../../electron/core/ports.ts';
import { startCacheWorker } from '../../../../electron/core/contacts/cache-worker-handle.ts';

test('a cache worker starts with a small young generation', async () => {
  const worker = startCacheWorker({
    entry: new URL('./fixtures/limits-cache-worker.ts', import.meta.url),
    data: { dbPath: 'unused', role: 'reader', openAtStart: false, writer: {} },
    clock: systemClock,
    budgetMs: 60_000,
    failure: () => new AppError('internal', 'The worker stopped.'),
    onGone: () => {},
  });
  try {
    const limits = (await worker.call('count', [])) as { maxYoungGenerationSizeMb: number };
    assert.ok(limits.maxYoungGenerationSizeMb > 0 && limits.maxYoungGenerationSizeMb <= 4, `young generation ${limits.maxYoungGenerationSizeMb} MB`);
  } finally {
    await worker.close();
  }
});
