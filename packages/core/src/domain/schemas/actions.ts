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

/** The parsed body of each action: its {@link ActionInputs | input} with the defaults filled in. @example `const b: ActionBody<'decline'> = { reason: '非本行业务' };` */
export type ActionBody<A extends keyof typeof ACTION_BODIES> = z.infer<(typeof ACTION_BODIES)[A]>;

// What each action takes, as sent: one interface per action, each the input type of its zod schema
// (an interface, not an alias, so the API reference lists its fields). Defaults may be left out.
/** What `accept` takes: an optional note. @example `const b: AcceptInput = { note: '身份已核实' };` */
export interface AcceptInput extends z.input<typeof AcceptBody> {}
/** What `decline` (不予办理) takes: the reason the submitter is told. @example `const b: DeclineInput = { reason: '非消费投诉' };` */
export interface DeclineInput extends z.input<typeof DeclineBody> {}
/** What `merge` takes: the complaint this one joins, and why. @example `const b: MergeInput = { intoComplaintId: 'CK20260301-000001', reason: '重复投诉' };` */
export interface MergeInput extends z.input<typeof MergeBody> {}
/** What `transfer` (转办) takes: `toOrgId`, `toAssigneeId` or both, and a reason. @example `const b: TransferInput = { toOrgId: 'SB-440301', reason: '属地管理' };` */
export interface TransferInput extends z.input<typeof TransferBody> {}
/** What `start` takes: an optional handler and note. @example `const b: StartInput = { assigneeId: 'u-2001' };` */
export interface StartInput extends z.input<typeof StartBody> {}
/** What `escalate` (包案) takes: severity, an optional leader, and a reason. @example `const b: EscalateInput = { severity: 'major', leaderId: 'u-9001', reason: '涉众' };` */
export interface EscalateInput extends z.input<typeof EscalateBody> {}
/** What `hold` takes: the reason the clock pauses; `complainantNotified` defaults to true. @example `const b: HoldInput = { reason: '司法鉴定' };` */
export interface HoldInput extends z.input<typeof HoldBody> {}
/** What `resume` takes: an optional note. @example `const b: ResumeInput = {};` */
export interface ResumeInput extends z.input<typeof ResumeBody> {}
/** What `extend` takes: the reason, when the complainant was told, and for the second extension who approved it. @example `const b: ExtendInput = { reason: '案情复杂', complainantNotifiedAt: '2026-03-10T10:00:00+08:00' };` */
export interface ExtendInput extends z.input<typeof ExtendBody> {}
/** What `respond` takes: the decision, remedy and amount, basis, the remedies open to the complainant, and how and when they were told. @example `const b: RespondInput = { outcome: 'upheld', basis: '《信用卡章程》第十条', remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: '2026-03-12T15:00:00+08:00' };` */
export interface RespondInput extends z.input<typeof RespondBody> {}
/** What `follow_up` (回访) takes: whether the complainant was reached, satisfaction 1–5 (required when reached), whether they accept the decision. @example `const b: FollowUpInput = { reached: true, satisfaction: 5, decisionAccepted: true };` */
export interface FollowUpInput extends z.input<typeof FollowUpBody> {}
/** What `close` takes: an optional note. @example `const b: CloseInput = {};` */
export interface CloseInput extends z.input<typeof CloseBody> {}
/** What `request_review` (核查) takes: why the complainant asks for a review. @example `const b: RequestReviewInput = { reason: '对处理结果不满意' };` */
export interface RequestReviewInput extends z.input<typeof RequestReviewBody> {}
/** What `reopen` takes: the new facts' reason and when they were received. @example `const b: ReopenInput = { reason: '补充新证据' };` */
export interface ReopenInput extends z.input<typeof ReopenBody> {}
/** What `new_facts` takes: what the new facts are, and when they were received (default now). @example `const b: NewFactsInput = { reason: '补充交易流水' };` */
export interface NewFactsInput extends z.input<typeof NewFactsBody> {}
/** What `withdraw` takes: an optional reason and when the request arrived. @example `const b: WithdrawInput = { reason: '已协商解决' };` */
export interface WithdrawInput extends z.input<typeof WithdrawBody> {}

/**
 * What each lifecycle action takes, by action: `ActionInputs['hold']` is `HoldInput`. Each entry is
 * the input type of the action's schema in `ACTION_BODIES` (a test checks that they are the same).
 *
 * @example
 * ```ts
 * const bodies: Partial<ActionInputs> = { accept: {}, decline: { reason: '非消费投诉' } };
 * ```
 */
export interface ActionInputs {
  accept: AcceptInput;
  decline: DeclineInput;
  merge: MergeInput;
  transfer: TransferInput;
  start: StartInput;
  escalate: EscalateInput;
  hold: HoldInput;
  resume: ResumeInput;
  extend: ExtendInput;
  respond: RespondInput;
  follow_up: FollowUpInput;
  close: CloseInput;
  request_review: RequestReviewInput;
  reopen: ReopenInput;
  withdraw: WithdrawInput;
  new_facts: NewFactsInput;
}

/**
 * The body of an action as sent (defaults may be left out): `ActionInput<'hold'>` is `HoldInput`.
 * See {@link ActionInputs} for every action's fields.
 *
 * @example
 * ```ts
 * const b: ActionInput<'hold'> = { reason: '鉴定' };
 * ```
 */
export type ActionInput<A extends keyof typeof ACTION_BODIES> = ActionInputs[A];
