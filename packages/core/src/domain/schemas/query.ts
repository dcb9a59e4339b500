import * as z from 'zod/mini';
import { ComplaintStatusSchema } from './complaint.js';
import { BusinessCategory, BusinessChannel, ComplaintCause, IntakeChannel, Severity } from './codes.js';
import { Timestamp } from './primitives.js';

/** @internal a query-string value that is one item or several (`?status=a&status=b`). */
const many = <T extends z.core.SomeType>(item: T) => z.optional(z.array(item));

/**
 * Filters and paging of `GET /v1/complaints`. Every filter narrows within what the caller may see.
 *
 * @example
 * ```ts
 * const q: ComplaintListQueryInput = { status: ['accepted', 'in_progress'], overdue: true, limit: 50 };
 * ```
 */
export const ComplaintListQuery = z.object({
  status: many(ComplaintStatusSchema),
  /**
   * Only complaints handled in this organisation's subtree. One that does not exist, or (for staff) lies
   * outside the caller's own subtree, is a 404 `not_found`, as for reports: not an empty page.
   */
  orgId: z.optional(z.string()),
  businessCategory: many(BusinessCategory),
  businessChannel: many(BusinessChannel),
  intakeChannel: many(IntakeChannel),
  cause: many(ComplaintCause),
  severity: many(Severity),
  /** GB/T 2260 prefix: `44` is Guangdong, `4403` Shenzhen. */
  region: z.optional(z.string().check(z.regex(/^\d{2,6}$/))),
  receivedFrom: z.optional(Timestamp),
  receivedTo: z.optional(Timestamp),
  /** Open complaints past their decision deadline. */
  overdue: z.optional(z.boolean()),
  /** Open complaints past their warning time but not yet overdue. */
  dueSoon: z.optional(z.boolean()),
  /** A staff id, or `me` for the caller. */
  assigneeId: z.optional(z.string()),
  /**
   * Words (split at spaces, the ideographic space too), every one of which the number, the description
   * or the requested resolution must hold, in any order, ignoring case; words and text are compared after
   * Unicode NFKC, so either width finds the other (`coffee` finds `ｃｏｆｆｅｅ`, `ＣＫ２０２６` finds `CK2026`).
   */
  q: z.optional(z.string().check(z.minLength(1), z.maxLength(200))),
  /**
   * The `nextCursor` of the page before. Absent or empty: the first page (as Google's and AWS's page
   * tokens: a generated client that always sends the parameter sends it empty at first). The API
   * reference (`ENDPOINT_REFERENCE`) says so, out of the client's bundle.
   */
  cursor: z.optional(z.string().check(z.maxLength(200))),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(100)), 20),
});
/** List filters as sent. @example `const q: ComplaintListQueryInput = { overdue: true };` */
export interface ComplaintListQueryInput extends z.input<typeof ComplaintListQuery> {}
/** List filters as parsed. @example `const q: ComplaintListQuery = ComplaintListQuery.parse({});` */
export interface ComplaintListQuery extends z.infer<typeof ComplaintListQuery> {}

/**
 * One page of a cursor-paginated list; `nextCursor` is `null` on the last page.
 *
 * @example
 * ```ts
 * const ComplaintPage = pageOf(Complaint);
 * ```
 */
export const pageOf = <T extends z.core.SomeType>(item: T) =>
  z.object({ data: z.array(item), nextCursor: z.nullable(z.string()) });

