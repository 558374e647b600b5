import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dailyLimitError, errorForStatus, nextUtcMidnight, parseErrorBody } from '../../../../electron/core/hubspot/api-errors.ts';

test('the daily limit resumes at the next midnight UTC, and says when in the sentence', () => {
  const now = Date.UTC(2026, 4, 4, 22, 15);
  assert.equal(nextUtcMidnight(now), Date.UTC(2026, 4, 5));
  assert.equal(nextUtcMidnight(Date.UTC(2026, 4, 5)), Date.UTC(2026, 4, 6), 'exactly midnight waits for the next one');
  const error = dailyLimitError(now, { httpStatus: 429 });
  assert.equal(error.kind, 'daily-limit');
  assert.equal(error.details?.resumeAt, Date.UTC(2026, 4, 5));
  const when = new Intl.DateTimeFormat(undefined, { weekday: 'long', hour: 'numeric', minute: '2-digit' }).format(Date.UTC(2026, 4, 5));
  assert.ok(error.message.includes(when), error.message);
  assert.match(error.message, /saved contacts are still here/);
});

test('HTTP answers map to kinds the app can act on', () => {
  assert.equal(errorForStatus(403, { category: 'MISSING_SCOPES' }).kind, 'missing-scope');
  assert.equal(errorForStatus(403, {}).kind, 'hubspot-error');
  assert.equal(errorForStatus(401, { category: 'INVALID_AUTHENTICATION' }).kind, 'revoked');
  assert.equal(errorForStatus(429, {}).kind, 'rate-limited');
  assert.equal(errorForStatus(503, {}).kind, 'hubspot-down');
  assert.equal(errorForStatus(400, { category: 'VALIDATION_ERROR' }).kind, 'hubspot-error');
  assert.deepEqual(errorForStatus(404, { category: 'OBJECT_NOT_FOUND', correlationId: 'abc', message: 'secret-ish text' }).details, { httpStatus: 404, category: 'OBJECT_NOT_FOUND', correlationId: 'abc' });
});

test('error bodies that are not HubSpot JSON are read as empty', () => {
  assert.deepEqual(parseErrorBody('<html>502 Bad Gateway</html>'), {});
  assert.deepEqual(parseErrorBody('"just a string"'), {});
  assert.deepEqual(parseErrorBody('{"category":42}'), {});
  assert.deepEqual(parseErrorBody('{"category":"MISSING_SCOPES","extra":1}').category, 'MISSING_SCOPES');
});
