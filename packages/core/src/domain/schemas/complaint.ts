import * as z from 'zod/mini';
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES } from '../lifecycle/states.js';
import { RespondBody } from './actions.js';
import { Actor } from './actor.js';
import { BusinessCategory, BusinessChannel, ComplaintCause, IntakeChannel, Severity } from './codes.js';
import { AttachmentMeta, Complainant, ComplainantRecord } from './complainant.js';
import { ComplaintId, RegionCode, Timestamp, text } from './primitives.js';

/** A complaint state on the wire. @example `ComplaintStatusSchema.parse('accepted');` */
export const ComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);
/** A lifecycle action on the wire. @example `ComplaintActionSchema.parse('transfer');` */
export const ComplaintActionSchema = z.enum(COMPLAINT_ACTIONS);

/**
 * One entry of a complaint's timeline: who (actor, role, organisation), when, what, why, and the
 * state before and after. Transfers and extensions are events, not states.
 *
 * @example
 * ```ts
 * const e: TimelineEvent = {
 *   seq: 7, type: 'accept', at: '2026-03-01T10:00:00+08:00',
 *   actor: { kind: 'staff', id: 'u-1', role: 'frontline', orgId: 'SB-440301' },
 *   fromStatus: 'registered', toStatus: 'accepted', reason: null, data: {},
 * };
 * ```
 */
export const TimelineEvent = z.object({
  /** Position in the service's global event sequence; the SSE event id. */
  seq: z.number().check(z.int(), z.positive()),
  type: z.union([z.literal('register'), ComplaintActionSchema]),
  at: Timestamp,
  actor: Actor,
  fromStatus: z.nullable(ComplaintStatusSchema),
  toStatus: ComplaintStatusSchema,
  reason: z.nullable(z.string()),
  /** The action's other details (target organisation, extension level, decision …). */
  data: z.record(z.string(), z.unknown()),
});
/** A timeline event. @example `const types = complaint.timeline.map((e: TimelineEvent) => e.type);` */
export interface TimelineEvent extends z.infer<typeof TimelineEvent> {}

/**
 * The regulatory and internal deadlines as the service last computed them. The time-dependent state
 * (due soon, overdue) is computed with `computeClock` against "now".
 *
 * @example
 * ```ts
 * const d: Deadlines = { clockStartedAt: '2026-03-01T09:00:00+08:00', decisionDueAt: '2026-03-16T23:59:59.999+08:00', warnAt: null, extensionLevel: 0, paused: false, reviewDueAt: null };
 * ```
 */
export const Deadlines = z.object({
  clockStartedAt: Timestamp,
  /** `null` while the clock is paused (on hold) or stopped. */
  decisionDueAt: z.nullable(Timestamp),
  warnAt: z.nullable(Timestamp),
  /** 0: 15 days; 1: extended to 30; 2: extended by a further 30 (60 in all). */
  extensionLevel: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  paused: z.boolean(),
  /** When a review (核查) is under way: its decision deadline. */
  reviewDueAt: z.nullable(Timestamp),
});
/** Deadlines. @example `complaint.deadlines.decisionDueAt;` */
export interface Deadlines extends z.infer<typeof Deadlines> {}

/** @internal fields a registration shares with the stored complaint. */
const registrationFields = {
  intakeChannel: IntakeChannel,
  /** The regulator's reference for a regulator transfer (12378 / 12363). */
  regulatorReference: z.optional(text(64)),
  businessChannel: BusinessChannel,
  businessCategory: BusinessCategory,
  cause: ComplaintCause,
  description: text(5000),
  requestedResolution: z.optional(text(2000)),
  attachments: z._default(z.array(AttachmentMeta).check(z.maxLength(20)), []),
  severity: z._default(Severity, 'normal'),
  /** GB/T 2260 code of where the matter arose; `null` for functional centres (not regional). */
  regionCode: z._default(z.nullable(RegionCode), null),
  /** Staff member complained about, if any: they may never handle it (回避). */
  subjectStaffId: z.optional(z.string()),
};

/**
 * What a caller sends to register a complaint (`POST /v1/complaints`).
 *
 * @example
 * ```ts
 * const input: ComplaintCreateInput = {
 *   intakeChannel: 'mobile_app', businessChannel: 'A010303', businessCategory: 'B0302', cause: 'C11',
 *   complainant: { name: '张三', phone: '13812345678' },
 *   description: '信用卡年费未经告知被扣收',
 * };
 * ```
 */
export const ComplaintCreate = z.object({
  ...registrationFields,
  complainant: Complainant,
  /** The organisation that handles it; defaults to the registering staff member's, or for a customer to the branch of `regionCode`. */
  handlingOrgId: z.optional(z.string()),
  /** When the bank received it (for a regulator transfer, receipt of the transfer); defaults to now, never in the future. */
  receivedAt: z.optional(Timestamp),
  /** An earlier complaint this one repeats (same customer, same matter). */
  repeatOf: z.optional(ComplaintId),
});
/** A registration as sent. @example `const i: ComplaintCreateInput = { … };` */
export interface ComplaintCreateInput extends z.input<typeof ComplaintCreate> {}
/** A registration as parsed. @example `const c: ComplaintCreate = ComplaintCreate.parse(input);` */
export interface ComplaintCreate extends z.infer<typeof ComplaintCreate> {}

/**
 * A complaint as the service stores and returns it.
 *
 * @example
 * ```ts
 * const c: Complaint = await client.complaints.get('CK20260301-000042');
 * console.log(c.status, c.deadlines.decisionDueAt);
 * ```
 */
export const Complaint = z.object({
  id: ComplaintId,
  /** Increments with every change; useful for caches and optimistic UIs. */
  version: z.number().check(z.int(), z.positive()),
  status: ComplaintStatusSchema,
  ...registrationFields,
  complainant: ComplainantRecord,
  handlingOrgId: z.string(),
  /** The first responder (首问负责人): the registering actor, kept through every transfer. */
  firstResponder: Actor,
  assigneeId: z.nullable(z.string()),
  /** The leader who took the case personally (包案). */
  leaderId: z.nullable(z.string()),
  receivedAt: Timestamp,
  deadlines: Deadlines,
  decision: z.nullable(z.extend(RespondBody, { respondedAt: Timestamp })),
  satisfaction: z.nullable(
    z.object({
      reached: z.boolean(),
      score: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(5))),
      decisionAccepted: z.nullable(z.boolean()),
      at: Timestamp,
    }),
  ),
  repeatOf: z.nullable(ComplaintId),
  mergedInto: z.nullable(ComplaintId),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  timeline: z.array(TimelineEvent),
});
/** A complaint. @example `const c: Complaint = await client.complaints.get(id);` */
export interface Complaint extends z.infer<typeof Complaint> {}

