import type { FieldNames } from './fields.js';

/**
 * The columns of a tag export, in their fixed order. The CRM's own field names are given by a
 * {@link FieldNames} map; the order never changes, so an import mapping made once keeps working.
 *
 * @example
 * ```ts
 * EXPORT_COLUMNS[0]; // 'key'
 * ```
 */
export const EXPORT_COLUMNS = ['key', 'customerId', 'code', 'status', 'validFrom', 'validUntil', 'evidence', 'version', 'lastEvaluatedAt'] as const;
/** One export column. @example `const c: ExportColumn = 'evidence';` */
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];

/**
 * @internal the field names when none are given: what `FieldNames.parse({})` gives (a test checks
 * it), written out so an export without a field-name file loads no schema.
 */
export const DEFAULT_FIELD_NAMES: FieldNames = {
  op: 'op',
  key: 'tag_key',
  customerId: 'customer_external_id',
  code: 'tag_code',
  status: 'status',
  validFrom: 'valid_from',
  validUntil: 'valid_until',
  evidence: 'evidence',
  version: 'rule_version',
  lastEvaluatedAt: 'last_evaluated_at',
};
