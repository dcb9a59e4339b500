import type { Complaint } from '@complaintkit/core/domain';
import type * as z from 'zod';
import { complaintRowCheck } from './complaint-row-check.generated.js';
import { ComplaintRow, type ComplaintRowInput } from './complaint-row-schema.js';

// The schema lives in complaint-row-schema.ts (which the check's generator loads); here with the check.
export { COMPLAINT_ROW_FIELDS, ComplaintRow, type ComplaintRowInput } from './complaint-row-schema.js';

/**
 * One value checked as a {@link ComplaintRow}: the row (the value itself, defaults filled in, when the
 * compiled check accepts it; zod's output otherwise), or zod's issues when it is not one. Much cheaper
 * than `ComplaintRow.safeParse` on the millions of good rows of a full build.
 *
 * @example
 * ```ts
 * const r = checkComplaintRow(JSON.parse(line));
 * if (Array.isArray(r)) throw issuesToInputError(file, n, r);
 * ```
 */
export function checkComplaintRow(data: unknown): ComplaintRow | readonly z.core.$ZodIssue[] {
  // The check `compileCheck` makes of ComplaintRow, generated at build time (zod still says why not).
  if (complaintRowCheck(data)) return data as ComplaintRow;
  const parsed = ComplaintRow.safeParse(data);
  return parsed.success ? parsed.data : parsed.error.issues;
}

/**
 * Flattens a complaint as the service returns it (`client.complaints.get`, a list or changes item, an
 * NDJSON line of whole complaints) into the export shape. The keyed hashes of the phone and ID number
 * are carried only when staff verified the complainant's identity (docs/domain/tags.md: a customer is
 * linked by verified identifiers, never guessed from what someone typed); raw and masked numbers never.
 *
 * @example
 * ```ts
 * const row = complaintToRow(await client.complaints.get('CK20260301-000042'));
 * ```
 */
export function complaintToRow(c: Complaint): ComplaintRowInput {
  // The review sits beside the decision on the record; older records only have the timeline event.
  const reviewAt = c.review?.requestedAt ?? c.timeline.findLast((e) => e.type === 'request_review')?.at ?? null;
  const verified = c.complainant.identityVerified;
  // The latest follow-up attempt (the record keeps every attempt in `followUps`).
  const followUp = c.followUps.at(-1);
  return {
    id: c.id,
    status: c.status,
    receivedAt: c.receivedAt,
    updatedAt: c.updatedAt,
    intakeChannel: c.intakeChannel,
    businessCategory: c.businessCategory,
    severity: c.severity,
    customerId: c.complainant.customerId ?? null,
    phoneHash: verified ? c.complainant.phoneHash : null,
    idNumberHash: verified ? c.complainant.idNumberHash : null,
    priorityGroups: c.complainant.priorityGroups,
    decisionDueAt: c.deadlines.decisionDueAt,
    respondedAt: c.decision?.respondedAt ?? null,
    followUpAt: followUp?.at ?? null,
    satisfactionScore: followUp?.score ?? null,
    decisionAccepted: followUp?.decisionAccepted ?? null,
    reviewRequestedAt: reviewAt,
  };
}
