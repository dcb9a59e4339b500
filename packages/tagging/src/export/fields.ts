import * as z from 'zod';

export { EXPORT_COLUMNS, type ExportColumn } from './columns.js';

/** @internal a CRM field name: no separators or quotes, so a header never needs quoting. */
const FieldName = z.string().regex(/^[A-Za-z_][\w.]{0,79}$/, 'a field name is letters, digits, "_" and "." (at most 80)');

/**
 * The CRM's field name for each export column, and for the delta's operation column. The key column
 * is the CRM record's external id (Salesforce's External ID field for an upsert).
 *
 * @example
 * ```ts
 * const fields = FieldNames.parse({ key: 'CK_Tag_Key__c', customerId: 'Retail_Customer_Id__c' });
 * ```
 */
export const FieldNames = z.object({
  op: FieldName.default('op'),
  key: FieldName.default('tag_key'),
  customerId: FieldName.default('customer_external_id'),
  code: FieldName.default('tag_code'),
  status: FieldName.default('status'),
  validFrom: FieldName.default('valid_from'),
  validUntil: FieldName.default('valid_until'),
  evidence: FieldName.default('evidence'),
  version: FieldName.default('rule_version'),
  lastEvaluatedAt: FieldName.default('last_evaluated_at'),
});
/** Field names as parsed. @example `const f: FieldNames = FieldNames.parse({});` */
export type FieldNames = z.output<typeof FieldNames>;
/** Field names as written (any may be left out). @example `const f: FieldNamesInput = { key: 'Ext_Id__c' };` */
export type FieldNamesInput = z.input<typeof FieldNames>;
