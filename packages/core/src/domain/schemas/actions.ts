import * as z from 'zod/mini';
import { ComplaintId, Timestamp, text } from './primitives.js';

// An optional free-text note on any action (a line comment: a TSDoc `@internal` here would hide `note` from every body in the docs).
const note = z.optional(text(2000));

/** Body of `accept`: the complaint is in scope and the complainant (or representative) is verified. @example `AcceptBody.parse({ note: '身份已核实' });` */
export const AcceptBody = z.object({ note });
/**
 * Body of `decline` (不予办理): the submitter is told why. `ground`: `not_consumer_complaint`, or
 * `not_by_complainant` (not made by the complainant or their legal representative or agent), the only
 * ground on which a complaint may be declined during handling (docs/domain/lifecycle.md).
 *
 * @example
 * ```ts
 * DeclineBody.parse({ reason: '非消费投诉' });
 * DeclineBody.parse({ reason: '非本人或其代理人提出', ground: 'not_by_complainant' });
 * ```
 */
export const DeclineBody = z.object({ reason: text(2000), ground: z.optional(z.enum(['not_consumer_complaint', 'not_by_complainant'])) });
/** Body of `merge`: the same matter again within the handling period, no new facts. @example `MergeBody.parse({ intoComplaintId: 'CK20260301-000001', reason: '重复投诉' });` */
export const MergeBody = z.object({ intoComplaintId: ComplaintId, reason: text(2000) });
/**
 * Body of `transfer` (转办): to another organisation and/or person, with a reason. The first
 * responder stays on record (首问负责制).
 *
 * @example
 * ```ts
 * TransferBody.parse({ toOrgId: 'SB-440301', reason: '属地管理' });
 * ```
 */
export const TransferBody = z
  .object({ toOrgId: z.optional(z.string()), toAssigneeId: z.optional(z.string()), reason: text(2000) })
  .check(
    z.refine((b) => b.toOrgId !== undefined || b.toAssigneeId !== undefined, {
      message: 'name toOrgId, toAssigneeId or both',
      path: ['toOrgId'],
    }),
  );
/** Body of `start`: handling starts, optionally assigned to a handler. @example `StartBody.parse({ assigneeId: 'u-2001' });` */
export const StartBody = z.object({ assigneeId: z.optional(z.string()), note });
/** Body of `escalate` (包案): a complex, sensitive or major case goes to a leader. @example `EscalateBody.parse({ severity: 'major', leaderId: 'u-9001', reason: '涉众' });` */
export const EscalateBody = z.object({
  severity: z.enum(['complex', 'sensitive', 'major']),
  leaderId: z.optional(z.string()),
  reason: text(2000),
});
/** Body of `hold`: an external appraisal, test or assessment starts; the clock pauses. @example `HoldBody.parse({ reason: '司法鉴定' });` */
export const HoldBody = z.object({ reason: text(2000), complainantNotified: z._default(z.boolean(), true) });
/** Body of `resume`: the external step has ended; the clock runs again. @example `ResumeBody.parse({});` */
export const ResumeBody = z.object({ note });
/**
 * Body of `extend`: the first extension (to 30 days) needs a reason and the complainant told; the
 * second (to 60 days) needs approval by the higher-level organisation or a head-office senior manager.
 *
 * @example
 * ```ts
 * ExtendBody.parse({ reason: '案情复杂', complainantNotifiedAt: '2026-03-10T10:00:00+08:00' });
 * ```
 */
export const ExtendBody = z.object({
  reason: text(2000),
  complainantNotifiedAt: Timestamp,
  approvedBy: z.optional(z.string()),
});
/**
 * Body of `respond`: the decision (upheld / partly / not upheld), remedy and amount, basis, the remedies
 * open to the complainant, and how and when the complainant was told.
 *
 * @example
 * ```ts
 * RespondBody.parse({
 *   outcome: 'partly_upheld', basis: '《信用卡章程》第十条', remedy: '退还年费', amount: 200,
 *   remediesOffered: ['review', 'mediation'], notifiedVia: 'phone', notifiedAt: '2026-03-12T15:00:00+08:00',
 * });
 * ```
 */
export const RespondBody = z.object({
  outcome: z.enum(['upheld', 'partly_upheld', 'not_upheld']),
  remedy: z.optional(text(2000)),
  /** Amount of money paid or refunded, in yuan. */
  amount: z.optional(z.number().check(z.nonnegative())),
  basis: text(4000),
  remediesOffered: z.array(z.enum(['review', 'mediation', 'arbitration', 'litigation'])).check(z.minLength(1)),
  notifiedVia: z.enum(['phone', 'sms', 'letter', 'in_person', 'app', 'email']),
  notifiedAt: Timestamp,
});
/**
 * Body of `follow_up` (回访): whether the complainant was reached, satisfaction 1–5, whether they
 * accept the decision. A satisfaction score is required when reached.
 *
 * @example
 * ```ts
 * FollowUpBody.parse({ reached: true, satisfaction: 5, decisionAccepted: true });
 * ```
 */
export const FollowUpBody = z
  .object({
    reached: z.boolean(),
    satisfaction: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(5))),
    decisionAccepted: z.optional(z.boolean()),
    comment: z.optional(text(2000)),
  })
  .check(
    z.refine((b) => !b.reached || b.satisfaction !== undefined, {
      message: 'a reached follow-up needs a satisfaction score from 1 to 5',
      path: ['satisfaction'],
    }),
  );
/** Body of `close`. @example `CloseBody.parse({});` */
export const CloseBody = z.object({ note });
/** Body of `request_review` (核查 by the higher-level organisation). @example `RequestReviewBody.parse({ reason: '对处理结果不满意' });` */
export const RequestReviewBody = z.object({ reason: text(2000) });
/** Body of `reopen`: new facts; the clock restarts from their receipt. @example `ReopenBody.parse({ reason: '补充新证据' });` */
export const ReopenBody = z.object({ reason: text(2000), newFactsReceivedAt: z.optional(Timestamp) });
/**
 * Body of `new_facts`: new material arrived during handling; the period restarts from the day it
 * arrived (`newFactsReceivedAt`, default: when recorded), which cannot lie in the future.
 *
 * @example
 * ```ts
 * NewFactsBody.parse({ reason: '客户补充了交易流水', newFactsReceivedAt: '2026-03-08T10:00:00+08:00' });
 * ```
 */
export const NewFactsBody = z.object({ reason: text(2000), newFactsReceivedAt: z.optional(Timestamp) });
/** Body of `withdraw`: handling ends on the day the request arrives. @example `WithdrawBody.parse({ reason: '已协商解决' });` */
export const WithdrawBody = z.object({ reason: z.optional(text(2000)), receivedAt: z.optional(Timestamp) });

/**
 * The body schema of every lifecycle action, keyed by action.
 *
 * @example
 * ```ts
 * ACTION_BODIES.transfer.parse({ toOrgId: 'BR-44', reason: '属地管理' });
 * ```
 */
export const ACTION_BODIES = {
  accept: AcceptBody,
  decline: DeclineBody,
  merge: MergeBody,
  transfer: TransferBody,
  start: StartBody,
  escalate: EscalateBody,
  hold: HoldBody,
  resume: ResumeBody,
  extend: ExtendBody,
  respond: RespondBody,
  follow_up: FollowUpBody,
  close: CloseBody,
  request_review: RequestReviewBody,
  reopen: ReopenBody,
  withdraw: WithdrawBody,
  new_facts: NewFactsBody,
} as const;

/** The parsed body of each action. @example `const b: ActionBody<'decline'> = { reason: '非本行业务' };` */
export type ActionBody<A extends keyof typeof ACTION_BODIES> = z.infer<(typeof ACTION_BODIES)[A]>;
/** The body of each action as sent (defaults may be left out). @example `const b: ActionInput<'hold'> = { reason: '鉴定' };` */
export type ActionInput<A extends keyof typeof ACTION_BODIES> = z.input<(typeof ACTION_BODIES)[A]>;
