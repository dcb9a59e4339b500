import * as z from 'zod/mini';
import { Actor, Organisation } from './actor.js';
import { Complaint, TimelineEvent } from './complaint.js';

/**
 * One message of the change stream (`GET /v1/events`, Server-Sent Events). The SSE `id` is
 * `event.seq`; reconnect with `Last-Event-ID` to miss nothing. The complaint is its state right after
 * the event, with personal data masked.
 *
 * @example
 * ```ts
 * const change: ComplaintChange = JSON.parse(message.data);
 * console.log(change.event.type, change.complaint.status);
 * ```
 */
export const ComplaintChange = z.object({ event: TimelineEvent, complaint: Complaint });
/** A change. @example `const s = (c: ComplaintChange) => c.complaint.status;` */
export interface ComplaintChange extends z.infer<typeof ComplaintChange> {}

/**
 * Who the caller is (`GET /v1/me`): the actor behind the token, and for staff their organisation.
 *
 * @example
 * ```ts
 * const me: Me = await client.me();
 * ```
 */
export const Me = z.object({ actor: Actor, organisation: z.nullable(Organisation) });
/** Who the caller is. @example `const me: Me = { actor: { kind: 'customer', id: 'C-1' }, organisation: null };` */
export interface Me extends z.infer<typeof Me> {}
