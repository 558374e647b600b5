/** HubSpot-like contact property definitions (GET /crm/properties/.../contacts). */

export interface PropertyOption {
  label: string;
  value: string;
  description: string;
  displayOrder: number;
  hidden: boolean;
}

export interface PropertyDefinition {
  name: string;
  label: string;
  type: 'string' | 'number' | 'date' | 'datetime' | 'enumeration' | 'bool' | 'phone_number';
  fieldType: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'radio' | 'checkbox' | 'booleancheckbox' | 'calculation_equation' | 'phonenumber';
  groupName: string;
  description: string;
  options: PropertyOption[];
  displayOrder: number;
  hidden: boolean;
  hubspotDefined: boolean;
  calculated: boolean;
  externalOptions: boolean;
  hasUniqueValue: boolean;
  formField: boolean;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
  modificationMetadata: { archivable: boolean; readOnlyDefinition: boolean; readOnlyValue: boolean };
  dataSensitivity?: string;
  /** `OWNER` on hubspot_owner_id: its options are the account's owners */
  referencedObjectType?: string;
}

const CREATED = '2019-08-06T02:41:08.029Z';
const UPDATED = '2024-03-11T16:12:54.102Z';

function options(pairs: [string, string, string?][]): PropertyOption[] {
  return pairs.map(([value, label, description = ''], i) => ({ label, value, description, displayOrder: i, hidden: false }));
}

function def(
  name: string, label: string, type: PropertyDefinition['type'], fieldType: PropertyDefinition['fieldType'],
  groupName: string, description: string, extra: Partial<PropertyDefinition> = {},
): PropertyDefinition {
  const readOnlyValue = extra.calculated === true || name === 'hs_object_id' || name === 'createdate' || name === 'lastmodifieddate';
  return {
    name, label, type, fieldType, groupName, description,
    options: [], displayOrder: -1, hidden: false, hubspotDefined: true, calculated: false,
    externalOptions: false, hasUniqueValue: false, formField: fieldType !== 'calculation_equation' && !readOnlyValue,
    createdAt: CREATED, updatedAt: UPDATED, archived: false,
    modificationMetadata: { archivable: !readOnlyValue, readOnlyDefinition: true, readOnlyValue },
    ...extra,
  };
}

export const CONTACT_PROPERTIES: PropertyDefinition[] = [
  def('firstname', 'First Name', 'string', 'text', 'contactinformation', "A contact's first name", { displayOrder: 0, dataSensitivity: 'non_sensitive' }),
  def('lastname', 'Last Name', 'string', 'text', 'contactinformation', "A contact's last name", { displayOrder: 1 }),
  def('email', 'Email', 'string', 'text', 'contactinformation', "A contact's email address", { displayOrder: 2, hasUniqueValue: false }),
  def('phone', 'Phone Number', 'string', 'phonenumber', 'contactinformation', "A contact's primary phone number", { displayOrder: 3 }),
  def('mobilephone', 'Mobile Phone Number', 'string', 'phonenumber', 'contactinformation', "A contact's mobile phone number", { displayOrder: 4 }),
  def('company', 'Company Name', 'string', 'text', 'contactinformation', 'Name of the contact\'s company. This can be set independently from the name property on the contact\'s associated company.', { displayOrder: 5 }),
  def('jobtitle', 'Job Title', 'string', 'text', 'contactinformation', "A contact's job title", { displayOrder: 6 }),
  def('lifecyclestage', 'Lifecycle Stage', 'enumeration', 'radio', 'contactinformation',
    'The qualification of contacts to sales readiness. It can be set through imports, forms, workflows, and manually on a per contact basis.',
    {
      displayOrder: 7,
      options: options([
        ['subscriber', 'Subscriber', 'Contacts who have subscribed to blog posts or newsletters'],
        ['lead', 'Lead', 'Contacts who have shown interest but are not yet qualified'],
        ['marketingqualifiedlead', 'Marketing Qualified Lead', 'Contacts deemed ready for sales by marketing'],
        ['salesqualifiedlead', 'Sales Qualified Lead', 'Contacts accepted by sales as worth a direct follow up'],
        ['opportunity', 'Opportunity', 'Contacts associated with an open deal'],
        ['customer', 'Customer', 'Contacts with at least one closed-won deal'],
        ['evangelist', 'Evangelist', 'Customers who advocate for you'],
        ['other', 'Other', 'Contacts who do not fit any other stage'],
      ]),
    }),
  def('hs_lead_status', 'Lead Status', 'enumeration', 'radio', 'sales_properties', "The contact's sales, prospecting or outreach status", {
    displayOrder: 8,
    options: options([
      ['NEW', 'New'], ['OPEN', 'Open'], ['IN_PROGRESS', 'In Progress'], ['OPEN_DEAL', 'Open Deal'],
      ['UNQUALIFIED', 'Unqualified'], ['ATTEMPTED_TO_CONTACT', 'Attempted to Contact'], ['CONNECTED', 'Connected'], ['BAD_TIMING', 'Bad Timing'],
    ]),
  }),
  def('city', 'City', 'string', 'text', 'contactinformation', "A contact's city of residence", { displayOrder: 9 }),
  def('country', 'Country/Region', 'string', 'text', 'contactinformation', "The contact's country/region of residence. This might be set via import, form, or integration.", { displayOrder: 10 }),
  def('zip', 'Postal Code', 'string', 'text', 'contactinformation', "Contact's zip code. This might be set via import, form, or integration.", { displayOrder: 11 }),
  def('website', 'Website URL', 'string', 'text', 'contactinformation', "The contact's company website", { displayOrder: 12 }),
  def('createdate', 'Create Date', 'datetime', 'date', 'contactinformation', 'The date that a contact entered the system', { displayOrder: -1 }),
  def('lastmodifieddate', 'Last Modified Date', 'datetime', 'date', 'contactinformation', 'Most recent timestamp of any property update for a contact. This includes HubSpot internal properties, which can be visible or hidden. This property is updated automatically.', { calculated: false }),
  def('hs_object_id', 'Record ID', 'number', 'number', 'contactinformation', 'The unique ID for this record. This value is automatically set by HubSpot and may not be modified.'),
  def('hubspot_owner_id', 'Contact owner', 'enumeration', 'select', 'sales_properties',
    'The owner of a contact. This can be any HubSpot user or Salesforce integration user, and can be set manually or via Workflows.',
    { displayOrder: 13, externalOptions: true, referencedObjectType: 'OWNER' }),
  // custom properties (hubspotDefined false), one per value format the app must show as HubSpot does
  def('product_interest', 'Product interest', 'enumeration', 'checkbox', 'contactinformation', 'Products the contact asked about (several can be chosen)', {
    displayOrder: 14,
    hubspotDefined: false,
    options: options([['analytics', 'Analytics'], ['billing', 'Billing'], ['support_desk', 'Support Desk'], ['mobile_app', 'Mobile App'], ['api_access', 'API access']]),
  }),
  def('newsletter_opt_in', 'Newsletter opt-in', 'bool', 'booleancheckbox', 'contactinformation', 'Whether the contact agreed to receive the monthly newsletter', {
    displayOrder: 15,
    hubspotDefined: false,
    options: options([['true', 'Yes'], ['false', 'No']]),
  }),
  def('contract_renewal_date', 'Contract renewal date', 'date', 'date', 'contactinformation', 'When the contact\'s current contract comes up for renewal', { displayOrder: 16, hubspotDefined: false }),
  def('lifetime_value', 'Lifetime value', 'number', 'number', 'contactinformation', 'Total revenue from this contact so far, in the account\'s currency', { displayOrder: 17, hubspotDefined: false }),
  def('notes_last_updated', 'Last Activity Date', 'datetime', 'date', 'contact_activity', 'The last time a call, chat conversation, LinkedIn message, postal mail, meeting, sales email, SMS, or WhatsApp message was logged for a contact. This is set automatically by HubSpot based on user actions in the contact record.', { calculated: true }),
];

export const PROPERTY_BY_NAME = new Map(CONTACT_PROPERTIES.map((p) => [p.name, p]));

/** The property list as served: `hubspot_owner_id`'s options are the account's active owners. */
export function contactProperties(ownerOptions: { value: string; label: string }[]): PropertyDefinition[] {
  return CONTACT_PROPERTIES.map((p) => (p.name === 'hubspot_owner_id'
    ? { ...p, options: ownerOptions.map((o, i) => ({ label: o.label, value: o.value, description: '', displayOrder: i, hidden: false })) }
    : p));
}

/** properties compared as numbers (ms for dates) by search filters and sorts */
export function isNumericProperty(name: string): boolean {
  const p = PROPERTY_BY_NAME.get(name);
  return p !== undefined && (p.type === 'number' || p.type === 'datetime' || p.type === 'date');
}
