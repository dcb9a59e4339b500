import * as z from 'zod/mini';
import { Complaint } from './complaint.js';

/**
 * A position in the service's event sequence (the `seq` of timeline events and the SSE `id`), as the
 * changed-since read takes and returns it: decimal digits, `0` for the beginning.
 *
 * @example
 * ```ts
 * ChangeCursor.parse('264847');
 * ```
 */
export const ChangeCursor = z.string().check(z.regex(/^\d{1,15}$/));

/**
 * Paging of `GET /v1/complaint-changes`: the complaints changed after `since`, in the order their last
 * change committed.
 *
 * @example
 * ```ts
 * const q: ComplaintChangesQueryInput = { since: '264847', limit: 100 };
 * ```
 */
export const ComplaintChangesQuery = z.object({
  /** The `seq` of the last change already read (`0`, the default, or empty, reads from the beginning). */
  since: z._default(z.string().check(z.regex(/^(\d{1,15})?$/)), '0'),
  limit: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(500)), 100),
});
/** Changed-since paging as sent. @example `const q: ComplaintChangesQueryInput = { since: '0' };` */
export interface ComplaintChangesQueryInput extends z.input<typeof ComplaintChangesQuery> {}
/** Changed-since paging as parsed. @example `const q: ComplaintChangesQuery = ComplaintChangesQuery.parse({});` */
export interface ComplaintChangesQuery extends z.infer<typeof ComplaintChangesQuery> {}

/**
 * One complaint changed after the cursor: its state now (complainant masked) and `seq`, the sequence
 * number of its latest change: the cursor to resume after it.
 *
 * @example
 * ```ts
 * const c: ChangedComplaint = { seq: 264851, complaint };
 * ```
 */
export const ChangedComplaint = z.object({ seq: z.number().check(z.int(), z.positive()), complaint: Complaint });
/** A changed complaint. @example `const cursor = String(item.seq);` */
export interface ChangedComplaint extends z.infer<typeof ChangedComplaint> {}
