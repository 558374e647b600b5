/**
 * JSON Schemas (draft 2020-12 keywords) of HubSpot's answers to every endpoint Contact Desk calls,
 * written by this project from its notes on HubSpot's API (not copied from HubSpot's files).
 * Objects are closed (`additionalProperties: false`) wherever the notes list every field, so a
 * field the sandbox invents fails as surely as one it leaves out. Where HubSpot's description and
 * its observed behaviour differ, these follow the behaviour (see sandbox/README.md, "Shapes").
 */
export type JsonSchema = Record<string, unknown>;

const closed = (required: string[], properties: Record<string, JsonSchema>, description?: string): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  required,
  properties,
  additionalProperties: false,
});

const text: JsonSchema = { type: 'string' };
const nonEmpty: JsonSchema = { type: 'string', minLength: 1 };
const bool: JsonSchema = { type: 'boolean' };
const count: JsonSchema = { type: 'integer', minimum: 0 };
const numericId: JsonSchema = { type: 'string', pattern: '^[0-9]+$', description: 'ids are decimal digits sent as a string' };
const instant: JsonSchema = { type: 'string', format: 'date-time', description: 'ISO 8601 in UTC' };
const epochMsText: JsonSchema = { type: 'string', pattern: '^[0-9]{10,16}$', description: 'milliseconds since 1970, as text' };
const link: JsonSchema = { type: 'string', pattern: '^https?://' };
const textList: JsonSchema = { type: 'array', items: text };

/** `paging.next` of cursor-paged lists: the cursor and a ready link */
const nextPage = closed(['after', 'link'], { after: nonEmpty, link });
const cursorPaging = closed(['next'], { next: nextPage }, 'absent on the last page');

// ---- errors ----

export const crmError = closed(['status', 'message', 'correlationId', 'category'], {
  status: { const: 'error' },
  message: nonEmpty,
  correlationId: nonEmpty,
  category: nonEmpty,
  subCategory: text,
  errors: {
    type: 'array',
    items: closed(['message'], { message: text, code: text, in: text, subCategory: text, context: { type: 'object' } }),
  },
  context: { type: 'object', additionalProperties: textList, description: 'what was wrong, by parameter name' },
  links: { type: 'object', additionalProperties: text },
}, 'every non-2xx CRM answer except 429');

export const rateLimitError = closed(['status', 'message', 'errorType', 'correlationId', 'policyName'], {
  status: { const: 'error' },
  message: nonEmpty,
  errorType: { const: 'RATE_LIMIT' },
  correlationId: nonEmpty,
  policyName: { enum: ['TEN_SECONDLY_ROLLING', 'SECONDLY', 'DAILY'] },
});

export const oauthError = closed(['error', 'error_description', 'status', 'message', 'correlationId'], {
  error: { enum: ['invalid_request', 'invalid_client', 'invalid_grant', 'unauthorized_client', 'unsupported_grant_type', 'invalid_scope'] },
  error_description: nonEmpty,
  status: { enum: ['BAD_AUTH_CODE', 'EXPIRED_AUTH_CODE', 'BAD_REFRESH_TOKEN', 'BAD_CLIENT_ID', 'BAD_CLIENT_SECRET', 'BAD_REDIRECT_URI', 'BAD_GRANT_TYPE', 'BAD_REQUEST'] },
  message: nonEmpty,
  correlationId: nonEmpty,
}, 'RFC 6749 fields plus HubSpot\'s older ones');

// ---- OAuth ----

export const tokenAnswer = closed(['access_token', 'refresh_token', 'expires_in', 'token_type', 'token_use', 'hub_id', 'user_id', 'scopes'], {
  access_token: { type: 'string', minLength: 20, maxLength: 400 },
  refresh_token: nonEmpty,
  expires_in: { type: 'integer', minimum: 1 },
  token_type: { const: 'bearer' },
  token_use: nonEmpty,
  hub_id: count,
  user_id: count,
  scopes: textList,
  id_token: text,
});

const signedToken = (withExpiry: boolean): JsonSchema => closed(
  ['appId', 'appInstallId', 'audience', ...(withExpiry ? ['expiresAt'] : []), 'hubId', 'hublet', 'installingUserId', 'isPrivateDistribution', 'isServiceAccount', 'isUserLevel', 'newSignature', 'scopeToScopeGroupPks', 'scopes', 'signature', 'trialScopeToScopeGroupPks', 'trialScopes', 'userId'],
  {
    appId: count,
    appInstallId: count,
    audience: text,
    ...(withExpiry ? { expiresAt: { type: 'integer', minimum: 1e12, description: 'milliseconds' } } : {}),
    hubId: count,
    hublet: nonEmpty,
    installingUserId: count,
    isPrivateDistribution: bool,
    isServiceAccount: bool,
    isUserLevel: bool,
    newSignature: text,
    scopeToScopeGroupPks: text,
    scopes: text,
    signature: text,
    trialScopeToScopeGroupPks: text,
    trialScopes: text,
    userId: count,
  },
);

const introspectionFields = (access: boolean): Record<string, JsonSchema> => ({
  active: { const: true },
  token: nonEmpty,
  token_use: { const: access ? 'access_token' : 'refresh_token' },
  token_type: nonEmpty,
  client_id: nonEmpty,
  app_id: count,
  hub_id: count,
  user_id: count,
  user: nonEmpty,
  hub_domain: nonEmpty,
  scopes: textList,
  ...(access ? { expires_in: count } : {}),
  is_private_distribution: bool,
  signed_access_token: signedToken(access),
});

export const introspectionOfAccessToken = closed(Object.keys(introspectionFields(true)), introspectionFields(true));
export const introspectionOfRefreshToken = closed(Object.keys(introspectionFields(false)), introspectionFields(false), 'no expiry fields');
export const introspectionInactive = closed(['active'], { active: { const: false } });

// ---- contacts and properties ----

const contact = closed(['id', 'properties', 'createdAt', 'updatedAt', 'archived'], {
  id: numericId,
  // behaviour: a requested property the contact has no value for comes back as null
  properties: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
  createdAt: instant,
  updatedAt: instant,
  archived: bool,
  archivedAt: instant,
});

export const contactsPage = closed(['results'], { results: { type: 'array', items: contact }, paging: cursorPaging });

export const contactsSearchPage = closed(['total', 'results'], {
  total: count,
  results: { type: 'array', items: contact },
  paging: closed(['next'], { next: closed(['after'], { after: nonEmpty, link }) }),
});

const option = closed(['label', 'value', 'hidden'], { label: text, value: text, description: text, displayOrder: { type: 'integer' }, hidden: bool });
const property: JsonSchema = {
  type: 'object',
  description: 'HubSpot sends more fields than Contact Desk reads; these are the ones the notes name',
  required: ['name', 'label', 'type', 'fieldType', 'groupName', 'description', 'options', 'hidden', 'calculated', 'displayOrder'],
  properties: {
    name: nonEmpty,
    label: text,
    type: { enum: ['string', 'number', 'date', 'datetime', 'enumeration', 'bool', 'phone_number'] },
    fieldType: { enum: ['text', 'textarea', 'number', 'date', 'select', 'radio', 'checkbox', 'booleancheckbox', 'calculation_equation', 'phonenumber', 'file', 'html'] },
    groupName: text,
    description: text,
    options: { type: 'array', items: option },
    hidden: bool,
    hubspotDefined: bool,
    calculated: bool,
    displayOrder: { type: 'integer' },
  },
};
export const propertiesAnswer = closed(['results'], { results: { type: 'array', items: property } }, 'all properties at once, no paging');

// ---- owners ----

export const owner = closed(['id', 'type', 'archived', 'createdAt', 'updatedAt'], {
  id: numericId,
  email: text,
  firstName: text,
  lastName: text,
  userId: count,
  userIdIncludingInactive: count,
  type: { enum: ['PERSON', 'QUEUE'] },
  teams: { type: 'array', items: closed(['id', 'name', 'primary'], { id: numericId, name: text, primary: bool }) },
  archived: bool,
  createdAt: instant,
  updatedAt: instant,
}, 'fields without a value are left out');

export const ownersPage = closed(['results'], { results: { type: 'array', items: owner }, paging: cursorPaging });

// ---- lists ----

const list = closed(['listId', 'listVersion', 'name', 'objectTypeId', 'processingType', 'processingStatus', 'additionalProperties'], {
  listId: numericId,
  listVersion: count,
  name: text,
  objectTypeId: { type: 'string', pattern: '^[0-9]+-[0-9]+$', description: '0-1 is contacts' },
  processingType: { enum: ['MANUAL', 'DYNAMIC', 'SNAPSHOT'] },
  processingStatus: nonEmpty,
  createdAt: instant,
  updatedAt: instant,
  additionalProperties: {
    type: 'object',
    description: 'strings only: a timestamp with no value is left out, never null',
    properties: {
      hs_list_size: { type: 'string', pattern: '^[0-9]+$' },
      hs_last_record_added_at: epochMsText,
      hs_last_record_removed_at: epochMsText,
    },
    additionalProperties: text,
  },
});

export const listSearchAnswer = closed(['lists', 'hasMore', 'offset', 'total'], {
  lists: { type: 'array', items: list },
  hasMore: bool,
  offset: { type: 'integer', minimum: 0, description: 'where the next page starts' },
  total: count,
});

export const membershipsPage = closed(['results', 'total'], {
  results: { type: 'array', items: closed(['recordId', 'membershipTimestamp'], { recordId: numericId, membershipTimestamp: instant }) },
  paging: {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: { next: nextPage, prev: closed(['before', 'link'], { before: nonEmpty, link }) },
  },
  total: count,
});
