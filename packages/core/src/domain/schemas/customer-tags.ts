import * as z from 'zod/mini';
import { ComplaintId, Timestamp } from './primitives.js';

/** @internal a retail-customer id as tags key it: the CRM's external id, never containing `|`. */
const CustomerId = z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[^|]+$/));

/**
 * One complaint-derived tag of a retail customer as the service stores it (docs/domain/tags.md): the
 * code, whether it is active or has exited, its validity, the rule version that assigned it, the
 * complaint numbers behind it (evidence) and when it was last evaluated.
 *
 * @example
 * ```ts
 * const t: CustomerTag = {
 *   code: 'repeat_complainer', status: 'active', validFrom: '2026-10-02T01:00:00.000Z', validUntil: '2026-12-31T01:00:00.000Z',
 *   evidence: ['CK20260901-000001', 'CK20260915-000007', 'CK20261002-000003'], version: 'repeat_complainer@1',
 *   lastEvaluatedAt: '2026-11-29T00:00:00.000Z',
 * };
 * ```
 */
export const CustomerTag = z.object({
  /** A tag code of the catalogue, e.g. `recent_complaint:B0302`, `churn_risk:high`. */
  code: z.string().check(z.minLength(1), z.maxLength(64), z.regex(/^[a-z_]+(:[A-Za-z0-9_]+)?$/)),
  status: z.enum(['active', 'exited']),
  validFrom: Timestamp,
  /** `null`: until its cause ends. */
  validUntil: z.nullable(Timestamp),
  /** The complaint numbers that caused it; a caller sees only those of complaints it may see. */
  evidence: z.array(ComplaintId).check(z.maxLength(200)),
  /** The rule that assigned it, `<rule kind>@<version>`. */
  version: z.string().check(z.minLength(1), z.maxLength(64)),
  lastEvaluatedAt: Timestamp,
});
/** A stored customer tag. @example `const active = tags.filter((t: CustomerTag) => t.status === 'active');` */
export interface CustomerTag extends z.infer<typeof CustomerTag> {}

/**
 * One retail customer's tags (`GET /v1/customers/{customerId}/tags`), in code order.
 *
 * @example
 * ```ts
 * const t: CustomerTags = { customerId: 'C-000001', tags: [] };
 * ```
 */
export const CustomerTags = z.object({ customerId: CustomerId, tags: z.array(CustomerTag) });
/** A customer's tags. @example `const codes = (t: CustomerTags) => t.tags.map((x) => x.code);` */
export interface CustomerTags extends z.infer<typeof CustomerTags> {}

/**
 * A batch of a tagging run's assignments for `POST /v1/customer-tags` (at most 1,000): each replaces
 * the stored tag of the same customer and code. An exited tag is sent with `status: 'exited'`; a tag
 * deleted from the CRM (a delta's delete row) is listed in `deleted` by customer and code.
 *
 * @example
 * ```ts
 * const body: CustomerTagImportInput = { assignments: [{ customerId: 'C-000001', ...tag }], deleted: [{ customerId: 'C-000002', code: 'churn_risk:medium' }] };
 * ```
 */
export const CustomerTagImport = z.object({
  assignments: z.array(z.extend(CustomerTag, { customerId: CustomerId })).check(z.maxLength(1000)),
  deleted: z._default(z.array(z.object({ customerId: CustomerId, code: CustomerTag.shape.code })).check(z.maxLength(1000)), []),
});
/** An import batch as sent. @example `const b: CustomerTagImportInput = { assignments: [] };` */
export interface CustomerTagImportInput extends z.input<typeof CustomerTagImport> {}
/** An import batch as parsed. @example `const b: CustomerTagImport = CustomerTagImport.parse(body);` */
export interface CustomerTagImport extends z.infer<typeof CustomerTagImport> {}

/**
 * What an import did: how many tags it wrote and deleted.
 *
 * @example
 * ```ts
 * const r: CustomerTagImportResult = { written: 1000, deleted: 3 };
 * ```
 */
export const CustomerTagImportResult = z.object({ written: z.number().check(z.int()), deleted: z.number().check(z.int()) });
/** An import's result. @example `const n = (r: CustomerTagImportResult) => r.written;` */
export interface CustomerTagImportResult extends z.infer<typeof CustomerTagImportResult> {}
