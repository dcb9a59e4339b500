import { type Complaint, maskComplainant } from '@complaintkit/core/domain';

/**
 * A complaint with its complainant's personal data masked (name, phone, ID and card numbers), as list
 * items, stream messages and auditors get it.
 *
 * @example
 * ```ts
 * maskComplaint(c).complainant.phone; // '138****5678'
 * ```
 */
export const maskComplaint = (c: Complaint): Complaint => ({ ...c, complainant: maskComplainant(c.complainant) });
