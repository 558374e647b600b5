/**
 * What a client may send to each endpoint Contact Desk calls, as JSON Schemas written by this
 * project from its notes on HubSpot's API: the query parameters each endpoint declares (nothing
 * else), the body fields it requires, and how the request is authenticated. Keyed by the
 * sandbox's route names (its stats keys).
 */
import type { JsonSchema } from './answer-schemas.ts';

export interface RequestRule {
  /** query parameters as a closed object of strings */
  query: JsonSchema;
  /** the body: JSON or form fields; absent when the endpoint takes none */
  body?: JsonSchema;
  contentType: 'application/json' | 'application/x-www-form-urlencoded' | null;
  /** Bearer for the CRM; OAuth calls carry the client credentials in the form instead */
  authorization: 'Bearer' | null;
}

const closed = (required: string[], properties: Record<string, JsonSchema>): JsonSchema => ({ type: 'object', required, properties, additionalProperties: false });
const filled: JsonSchema = { type: 'string', minLength: 1 };
const digits: JsonSchema = { type: 'string', pattern: '^[0-9]+$' };
const boolText: JsonSchema = { enum: ['true', 'false'] };
/** whole numbers from 1 up to HubSpot's page maximum, as query text */
const upTo = (max: 100 | 250 | 500): JsonSchema => ({
  type: 'string',
  description: `1..${max}`,
  pattern: { 100: '^([1-9]|[1-9][0-9]|100)$', 250: '^([1-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|250)$', 500: '^([1-9]|[1-9][0-9]|[1-4][0-9]{2}|500)$' }[max],
});
const noQuery = closed([], {});

const credentials = { client_id: filled, client_secret: filled };
const tokenHint: JsonSchema = { enum: ['access_token', 'refresh_token'] };

const filter = closed(['propertyName', 'operator'], {
  propertyName: filled,
  operator: { enum: ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'] },
  value: { type: 'string' },
  highValue: { type: 'string' },
  values: { type: 'array', items: { type: 'string' } },
});

export const requestRules: Record<string, RequestRule> = {
  'POST /oauth/{v}/token': {
    query: noQuery,
    contentType: 'application/x-www-form-urlencoded',
    authorization: null,
    body: {
      oneOf: [
        closed(['grant_type', 'client_id', 'client_secret', 'redirect_uri', 'code', 'code_verifier'], {
          grant_type: { const: 'authorization_code' }, ...credentials, redirect_uri: filled, code: filled, code_verifier: filled,
        }),
        closed(['grant_type', 'client_id', 'client_secret', 'refresh_token'], { grant_type: { const: 'refresh_token' }, ...credentials, refresh_token: filled }),
      ],
    },
  },
  'POST /oauth/{v}/token/introspect': {
    query: noQuery,
    contentType: 'application/x-www-form-urlencoded',
    authorization: null,
    body: closed(['client_id', 'client_secret', 'token'], { ...credentials, token: filled, token_type_hint: tokenHint }),
  },
  'POST /oauth/{v}/token/revoke': {
    query: noQuery,
    contentType: 'application/x-www-form-urlencoded',
    authorization: null,
    body: closed(['client_id', 'client_secret', 'token'], { ...credentials, token: filled, token_type_hint: tokenHint }),
  },
  'GET /crm/objects/contacts': {
    query: closed([], { limit: upTo(100), after: filled, properties: filled, archived: boolText, propertiesWithHistory: filled, associations: filled }),
    contentType: null,
    authorization: 'Bearer',
  },
  'POST /crm/objects/contacts/search': {
    query: noQuery,
    contentType: 'application/json',
    authorization: 'Bearer',
    // behaviour: every field is optional, and sorts are objects
    body: closed([], {
      filterGroups: { type: 'array', maxItems: 5, items: closed(['filters'], { filters: { type: 'array', maxItems: 6, items: filter } }) },
      sorts: { type: 'array', maxItems: 1, items: closed(['propertyName', 'direction'], { propertyName: filled, direction: { enum: ['ASCENDING', 'DESCENDING'] } }) },
      query: { type: 'string' },
      properties: { type: 'array', items: filled },
      limit: { type: 'integer', minimum: 1, maximum: 200 },
      after: digits,
    }),
  },
  'GET /crm/properties/contacts': {
    query: closed([], { archived: boolText, properties: filled, dataSensitivity: filled }),
    contentType: null,
    authorization: 'Bearer',
  },
  'GET /crm/owners': {
    query: closed([], { limit: upTo(500), after: filled, email: filled, archived: boolText }),
    contentType: null,
    authorization: 'Bearer',
  },
  'GET /crm/owners/{ownerId}': {
    query: closed([], { idProperty: { enum: ['id', 'userId'] }, archived: boolText }),
    contentType: null,
    authorization: 'Bearer',
  },
  'POST /crm/lists/search': {
    query: noQuery,
    contentType: 'application/json',
    authorization: 'Bearer',
    // the 2026-03 description marks the arrays and offset required
    body: closed(['offset', 'processingTypes', 'listIds', 'additionalProperties'], {
      query: { type: 'string' },
      count: { type: 'integer', minimum: 1, maximum: 500 },
      offset: { type: 'integer', minimum: 0 },
      processingTypes: { type: 'array', items: { enum: ['MANUAL', 'DYNAMIC', 'SNAPSHOT'] } },
      listIds: { type: 'array', items: digits },
      additionalProperties: { type: 'array', items: filled },
      objectTypeId: { type: 'string', pattern: '^[0-9]+-[0-9]+$' },
    }),
  },
  'GET /crm/lists/{listId}/memberships': {
    query: closed([], { after: filled, before: filled, limit: upTo(250) }),
    contentType: null,
    authorization: 'Bearer',
  },
};
