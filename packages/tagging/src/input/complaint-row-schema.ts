// The export shape's schema on its own: it imports nothing generated, so the generator of the compiled
// row check (build/generated.ts) can load it when `complaint-row-check.generated.ts` is missing or
// broken (`pnpm --filter @complaintkit/tagging generate` rebuilds it from here).
import {
  BusinessCategory,
  ComplaintId,
  ComplaintStatusSchema,
  IntakeChannel,
  PriorityMembership,
  Severity,
  Timestamp,
} from '@complaintkit/core/domain';
import * as z from 'zod';

/** @internal a keyed hash under `hmac-sha256-v1`: 64 lower-case hex digits. */
const KeyedHash = z.string().regex(/^[0-9a-f]{64}$/, 'a keyed hash is 64 lower-case hex digits');

/**
 * One complaint in the service's export shape: the fields of core's `Complaint` that tagging reads,
 * flattened so that one schema describes an NDJSON line and a CSV row alike (docs/domain/tags.md).
 * Types come from core's schemas, so an unknown business-category code or a date without an offset is
 * refused here as it is by the service.
 *
 * Raw `phone`, `idNumber` and `cardNumber` are accepted for files exported from the bank's own
 * systems: they are keyed-hashed as the row is read and never kept, logged or written.
 *
 * @example
 * ```ts
 * const row: ComplaintRow = ComplaintRow.parse({
 *   id: 'CK20260301-000042', status: 'closed', receivedAt: '2026-03-01T09:00:00+08:00',
 *   updatedAt: '2026-03-09T09:00:00+08:00', intakeChannel: 'hotline', businessCategory: 'B0302',
 *   customerId: 'C-1001',
 * });
 * ```
 */
export const ComplaintRow = z.object({
  id: ComplaintId,
  status: ComplaintStatusSchema,
  receivedAt: Timestamp,
  updatedAt: Timestamp,
  intakeChannel: IntakeChannel,
  businessCategory: BusinessCategory,
  severity: z.enum(Severity.options).default('normal'),
  /** The retail customer id (the CRM's external id) when the service knows it. */
  customerId: z.string().min(1).max(64).regex(/^[^|]+$/, 'a customer id may not contain "|"').nullish(),
  /** Keyed hashes of the verified phone and ID number, as the service stores them. */
  phoneHash: KeyedHash.nullish(),
  idNumberHash: KeyedHash.nullish(),
  phone: z.string().max(40).nullish(),
  idNumber: z.string().max(40).nullish(),
  cardNumber: z.string().max(40).nullish(),
  priorityGroups: z.array(PriorityMembership).max(6).optional().default([]),
  /** The active decision deadline; `null` while paused or once responded. */
  decisionDueAt: z.nullish(Timestamp),
  respondedAt: z.nullish(Timestamp),
  followUpAt: z.nullish(Timestamp),
  satisfactionScore: z.number().int().min(1).max(5).nullish(),
  decisionAccepted: z.boolean().nullish(),
  /** When the complainant asked for a review (核查) of the decision. */
  reviewRequestedAt: z.nullish(Timestamp),
});
/** A complaint row as written. @example `const r: ComplaintRowInput = { id: 'CK20260301-000001', … };` */
export type ComplaintRowInput = z.input<typeof ComplaintRow>;
/** A complaint row as parsed. @example `const r: ComplaintRow = ComplaintRow.parse(line);` */
export type ComplaintRow = z.output<typeof ComplaintRow>;

/**
 * The column order of the export shape, for CSV files (header row) and for writing rows.
 *
 * @example
 * ```ts
 * COMPLAINT_ROW_FIELDS[0]; // 'id'
 * ```
 */
export const COMPLAINT_ROW_FIELDS = Object.keys(ComplaintRow.shape) as readonly (keyof ComplaintRow)[];
