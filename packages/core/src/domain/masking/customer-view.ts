/**
 * What the customer who owns a complaint reads of it (docs/domain/personal-data.md, "What a customer
 * sees"): every step's type, time, states and organisation, the bank's answer, the deadlines the
 * Measures give them, the follow-up and their satisfaction; not who at the bank handles it, staff ids,
 * internal notes, internal flags or warning times.
 */
import type { ComplaintAction, TimelineEventType } from '../lifecycle/states.js';
import type { ActionBody } from '../schemas/actions.js';
import type { TimelineActor } from '../schemas/actor.js';
import type { Complaint, FollowUp, TimelineEvent } from '../schemas/complaint.js';

/**
 * The details of each step (`TimelineEvent.data`, and its `reason`) that the customer who owns the
 * complaint reads: what the bank tells them (a decline's reason and ground, an extension's reason and
 * when they were told, the decision, remedy, basis and the remedies open to them), what they said
 * themselves (a review request's or withdrawal's reason) and organisations. Everything else (notes,
 * transfer and escalation reasons, assignees, leaders, approvers) is the bank's own. A follow-up's
 * comment is theirs only when they answered the survey themselves (see {@link customerEventView}).
 *
 * @example
 * ```ts
 * CUSTOMER_EVENT_DETAILS.transfer; // ['toOrgId', 'fromOrgId']: never the reason or the assignees
 * ```
 */
export const CUSTOMER_EVENT_DETAILS: { readonly register: readonly string[] } & {
  // Beside its body's keys, the details a step adds itself (see the lifecycle machine).
  readonly [A in ComplaintAction]: readonly (
    | Extract<keyof ActionBody<A>, string>
    | (A extends 'transfer' ? 'fromOrgId' | 'fromAssigneeId' : A extends 'extend' ? 'level' : A extends 'request_review' ? 'decidedByOrgId' | 'reviewerOrgId' : never)
  )[];
} = {
  register: ['intakeChannel', 'handlingOrgId'],
  accept: [],
  decline: ['reason', 'ground'],
  merge: ['intoComplaintId'],
  transfer: ['toOrgId', 'fromOrgId'],
  start: [],
  escalate: [],
  hold: [],
  resume: [],
  extend: ['reason', 'level', 'complainantNotifiedAt'],
  respond: ['outcome', 'remedy', 'amount', 'basis', 'remediesOffered', 'notifiedVia', 'notifiedAt'],
  follow_up: ['reached', 'satisfaction', 'decisionAccepted'],
  close: [],
  request_review: ['reason', 'decidedByOrgId', 'reviewerOrgId'],
  reopen: ['newFactsReceivedAt'],
  new_facts: ['newFactsReceivedAt'],
  withdraw: ['reason', 'receivedAt'],
};

/**
 * Who took a step, as the customer reads it: a member of staff by organisation only; the customer
 * and the system as they are.
 *
 * @example
 * ```ts
 * customerActorView({ kind: 'staff', id: 'u-1', role: 'handler', orgId: 'BR-44' }); // { kind: 'staff', orgId: 'BR-44' }
 * ```
 */
export const customerActorView = (a: TimelineActor): TimelineActor => (a.kind === 'staff' ? { kind: 'staff', orgId: a.orgId } : a);

/**
 * One timeline event as the customer who owns the complaint reads it: type, time, states, the
 * organisation that took the step, and only the details of {@link CUSTOMER_EVENT_DETAILS} (a
 * follow-up's comment too when they wrote it). Applying it twice changes nothing.
 *
 * @example
 * ```ts
 * customerEventView({ seq: 3, type: 'transfer', at, actor: { kind: 'staff', id: 'u-1', role: 'manager', orgId: 'BR-44' },
 *   fromStatus: 'accepted', toStatus: 'accepted', reason: '属地管理', data: { toOrgId: 'SB-1', reason: '属地管理', fromOrgId: 'BR-44' } });
 * // { …, actor: { kind: 'staff', orgId: 'BR-44' }, reason: null, data: { toOrgId: 'SB-1', fromOrgId: 'BR-44' } }
 * ```
 */
export function customerEventView(e: TimelineEvent): TimelineEvent {
  const shown: readonly string[] = CUSTOMER_EVENT_DETAILS[e.type as TimelineEventType] ?? [];
  const data: Record<string, unknown> = {};
  for (const k of shown) if (k in e.data) data[k] = e.data[k];
  if (e.type === 'follow_up' && e.actor.kind === 'customer' && 'comment' in e.data) data.comment = e.data.comment;
  return { ...e, actor: customerActorView(e.actor), reason: shown.includes('reason') ? e.reason : null, data };
}

/**
 * A complaint as the customer who owns it reads it (docs/domain/personal-data.md): the same shape
 * without the fields documented "absent when the reader is the customer" (first responder, assignee,
 * leader, severity, the staff member complained about, the classification suggestion, the staff
 * warning times), `registeredBy` and the timeline through {@link customerEventView}, and follow-up
 * comments kept only where the customer wrote them. Their own personal data, the decision, the
 * review, the deadlines and the follow-ups' satisfaction stay. Applying it twice changes nothing.
 *
 * @example
 * ```ts
 * const seen = customerView(complaint);
 * seen.assigneeId;                    // undefined
 * seen.timeline[1]?.reason;           // null for an accept note
 * seen.decision?.basis;               // the bank's answer, as written
 * ```
 */
export function customerView(c: Complaint): Complaint {
  const { firstResponder: _f, assigneeId: _a, leaderId: _l, severity: _s, subjectStaffId: _j, suggestion: _g, ...rest } = c;
  const { warnAt: _w, reviewWarnAt: _r, ...deadlines } = c.deadlines;
  // Follow-up attempt n is the n-th follow-up step: its comment is the customer's when they took it.
  const byCustomer = c.timeline.filter((e) => e.type === 'follow_up').map((e) => e.actor.kind === 'customer');
  const followUp = (f: FollowUp): FollowUp => (f.comment === null || byCustomer[f.attempt - 1] === true ? f : { ...f, comment: null });
  return {
    ...rest,
    registeredBy: customerActorView(c.registeredBy),
    deadlines,
    followUps: c.followUps.map(followUp),
    timeline: c.timeline.map(customerEventView),
  };
}
