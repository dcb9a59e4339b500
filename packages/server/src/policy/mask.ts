import { type Complaint, maskComplainant, redactComplaintText } from '@complaintkit/core/domain';
import type { Caller } from '../auth/caller.js';

/**
 * A complaint with its complainant's personal data masked (name, phone, ID and card numbers) and its
 * free text redacted the way the search index is (description, requested resolution, timeline reasons
 * and comments; docs/domain/personal-data.md), as list items, stream messages and auditors get it.
 *
 * @example
 * ```ts
 * maskComplaint(c).complainant.phone; // '138****5678'
 * maskComplaint(c).description;       // '… 请联系 138****5678'
 * ```
 */
export const maskComplaint = (c: Complaint): Complaint => ({ ...redactComplaintText(c), complainant: maskComplainant(c.complainant) });

/**
 * One complaint as this caller may read it: unmasked for staff who may handle it and for the customer
 * who owns it (both already passed the visibility rule), masked for auditors.
 *
 * @example
 * ```ts
 * return c.json(complaintFor(caller, record.complaint));
 * ```
 */
export const complaintFor = (caller: Caller, c: Complaint): Complaint =>
  caller.actor.kind === 'staff' && caller.actor.role === 'auditor' ? maskComplaint(c) : c;
