import { type Complaint, type ComplaintChange, customerEventView, customerView, maskComplainant, redactComplaintText } from '@complaintkit/core/domain';
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

/** @internal whether the caller is a customer (who reads only their own complaints, through core's `customerView`). */
const isCustomer = (caller: Caller): boolean => caller.actor.kind === 'customer';

/**
 * A complaint the caller may see, as their reader kind reads it: the customer who owns it reads core's
 * `customerView` (no staff ids, no internal notes, docs/domain/personal-data.md); staff and auditors
 * read it as given. Every place a complaint leaves the service towards a caller goes through this
 * (or {@link complaintFor}, {@link changeFor}).
 *
 * @example
 * ```ts
 * return c.json({ data: page.data.map((d) => readBy(caller, maskComplaint(d))), nextCursor });
 * ```
 */
export const readBy = (caller: Caller, c: Complaint): Complaint => (isCustomer(caller) ? customerView(c) : c);

/**
 * One complaint as this caller may read it: unmasked for staff who may handle it, unmasked and
 * through core's `customerView` for the customer who owns it (both already passed the visibility
 * rule), masked for auditors.
 *
 * @example
 * ```ts
 * return c.json(complaintFor(caller, record.complaint));
 * ```
 */
export const complaintFor = (caller: Caller, c: Complaint): Complaint =>
  caller.actor.kind === 'staff' && caller.actor.role === 'auditor' ? maskComplaint(c) : readBy(caller, c);

/**
 * One change-stream message (the event and the complaint after it, already masked) as this caller may
 * read it: the customer who owns the complaint reads both through core's `customerEventView` and
 * `customerView`; everyone else as stored.
 *
 * @example
 * ```ts
 * sseMessage({ seq, change: changeFor(caller, change) });
 * ```
 */
export const changeFor = (caller: Caller, ch: ComplaintChange): ComplaintChange =>
  isCustomer(caller) ? { event: customerEventView(ch.event), complaint: customerView(ch.complaint) } : ch;
