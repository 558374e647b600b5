import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ErrorKind } from '../../electron/ipc/types.ts';
import { sentences as apiSentences } from '../../electron/core/hubspot/api-errors.ts';
import { sentences as tokenSentences } from '../../electron/core/auth/token-errors.ts';
import { helpFor, type ErrorContext } from '../src/lib/error-help.ts';

/** The sentences HubSpot failures arrive with, by kind. */
const arrivals: [ErrorKind, string][] = [
  ['offline', tokenSentences.offline],
  ['hubspot-unreachable', tokenSentences.unreachable],
  ['hubspot-down', tokenSentences.down],
  ['hubspot-down', tokenSentences.noAnswer],
  ['rate-limited', tokenSentences.rateLimited],
  ['revoked', tokenSentences.revoked],
  ['missing-scope', apiSentences.missingScope],
  ['hubspot-error', apiSentences.refused],
  ['hubspot-error', apiSentences.unreadable],
];

const sentencesOf = (text: string) => text.split(/(?<=[.!?])\s+/).map((sentence) => sentence.toLowerCase().replace(/[^\p{L}\p{N} ]/gu, '').trim());

test('an error notice never says the same sentence twice (the error, then its next step)', () => {
  for (const context of ['sign-in', 'sync', 'general', 'export'] as ErrorContext[]) {
    for (const [kind, message] of arrivals) {
      const { nextStep } = helpFor({ kind }, context);
      if (nextStep === null) continue;
      const said = sentencesOf(message);
      for (const sentence of sentencesOf(nextStep)) assert.ok(!said.includes(sentence), `${context}/${kind}: "${sentence}" repeats the error`);
    }
  }
});
