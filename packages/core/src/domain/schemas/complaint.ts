import * as z from 'zod/mini';
import { COMPLAINT_ACTIONS, COMPLAINT_STATUSES } from '../lifecycle/states.js';
import { RespondBody } from './actions.js';
import { StaffActor, TimelineActor } from './actor.js';
import {
  BusinessCategory,
  BusinessCategoryLeaf,
  BusinessChannel,
  BusinessChannelLeaf,
  ComplaintCause,
  ComplaintCauseLeaf,
  IntakeChannel,
  Severity,
} from './codes.js';
import { AttachmentMeta, AttachmentRecord, Complainant, ComplainantRecord } from './complainant.js';
import { ComplaintId, RegionCode, storedText, Timestamp, text } from './primitives.js';
import { SuggestionRecord } from './suggestion.js';

/** A complaint state on the wire. @example `ComplaintStatusSchema.parse('accepted');` */
export const ComplaintStatusSchema = z.enum(COMPLAINT_STATUSES);
/** A lifecycle action on the wire. @example `ComplaintActionSchema.parse('transfer');` */
export const ComplaintActionSchema = z.enum(COMPLAINT_ACTIONS);

/**
 * One entry of a complaint's timeline: who (actor, role, organisation), when, what, why, and the
 * state before and after. Transfers and extensions are events, not states.
 *
 * The customer who owns the complaint reads each step's type, time, states and organisation, and only
 * the text and details meant for them (`customerView`, docs/domain/personal-data.md): no staff ids,
 * no internal notes.
 *
 * @example
 * ```ts
 * const e: TimelineEvent = {
 *   seq: 7, type: 'accept', at: '2026-03-01T10:00:00+08:00',
 *   actor: { kind: 'staff', id: 'u-1', role: 'frontline', orgId: 'SB-440301' },
 *   fromStatus: 'registered', toStatus: 'accepted', reason: null, data: { note: '身份已核实' },
 * };
 * // The same step as its customer reads it:
 * const seen: TimelineEvent = { ...e, actor: { kind: 'staff', orgId: 'SB-440301' }, reason: null, data: {} };
 * ```
 */
export const TimelineEvent = z.object({
  /** Position in the service's global event sequence; the SSE event id. */
  seq: z.number().check(z.int(), z.positive()),
  type: z.union([z.literal('register'), ComplaintActionSchema]),
  at: Timestamp,
  /** Who took the step; a member of staff by organisation only when the reader is the customer. */
  actor: TimelineActor,
  fromStatus: z.nullable(ComplaintStatusSchema),
  toStatus: ComplaintStatusSchema,
  /**
   * Why the step was taken, as written. When the reader is the customer: only a reason the bank tells
   * them (a decline's, an extension's) or their own (a review request, a withdrawal), else `null`.
   */
  reason: z.nullable(z.string()),
  /**
   * The action's other details (target organisation, extension level, decision …). When the reader is
   * the customer: only those meant for them (`CUSTOMER_EVENT_DETAILS`), never notes or staff ids.
   */
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
 * const d: Deadlines = { clockStartedAt: '2026-03-01T09:00:00+08:00', decisionDueAt: '2026-03-16T23:59:59.999+08:00', warnAt: null, extensionLevel: 0, paused: false, reviewDueAt: null, reviewWarnAt: null, calendarCovered: true };
 * ```
 */
export const Deadlines = z.object({
  clockStartedAt: Timestamp,
  /** `null` while the clock is paused (on hold) or stopped. */
  decisionDueAt: z.nullable(Timestamp),
  /** When the decision clock starts warning staff (due soon); absent when the reader is the customer. */
  warnAt: z.optional(z.nullable(Timestamp)),
  /** 0: 15 days; 1: extended to 30; 2: extended by a further 30 (60 in all). */
  extensionLevel: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  paused: z.boolean(),
  /** When a review (核查) is under way: its decision deadline. */
  reviewDueAt: z.nullable(Timestamp),
  /**
   * When a review is under way: when it starts warning staff (due soon), as the decision clock does;
   * absent when the reader is the customer.
   */
  reviewWarnAt: z.optional(z.nullable(Timestamp)),
  /**
   * Whether the service's holiday calendar covers the years of these deadlines. `false`: one lies in a
   * year whose holidays are not loaded and was counted with weekends only (docs/domain/clocks.md).
   */
  calendarCovered: z.boolean(),
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
  /** Staff member complained about, if any: they may never handle, hold, extend or answer it (回避). */
  subjectStaffId: z.optional(z.string()),
  /**
   * The classification suggested when it was registered (`POST /v1/classification/suggestions`), kept
   * beside the codes chosen so the suggestions' accuracy can be measured; absent when none was shown.
   */
  suggestion: z.optional(SuggestionRecord),
};

/**
 * Whether a complaint counts in a region (docs/domain/metrics.md, heat map): `regional` (it has a
 * GB/T 2260 code), `not_regional` (a functional centre's business, reported outside the provinces) or
 * `unknown` (nobody knows where it arose, e.g. a self-service complaint without a region handled at
 * head office). "Unknown" and "not regional" are different buckets and never merged.
 *
 * @example
 * ```ts
 * RegionScope.parse('not_regional');
 * ```
 */
export const RegionScope = z.enum(['regional', 'not_regional', 'unknown']);
/** A region scope. @useDeclaredType @example `const s: RegionScope = 'unknown';` */
export type RegionScope = z.infer<typeof RegionScope>;

/**
 * Whether a decision (or a review decision) was made and told within its period: judged on when the
 * complainant was told (`notifiedAt`), not when the decision was recorded (docs/domain/clocks.md).
 *
 * @example
 * ```ts
 * Timeliness.parse('met');
 * ```
 */
export const Timeliness = z.enum(['met', 'missed']);
/** Met or missed. @useDeclaredType @example `const t: Timeliness = 'missed';` */
export type Timeliness = z.infer<typeof Timeliness>;

/**
 * A decision as stored: what was decided and told ({@link RespondBody}), when it was recorded
 * (`respondedAt`, the decided-at of the statistics), which organisation decided it, the deadline it was
 * judged against and whether it was met (docs/domain/clocks.md, docs/domain/metrics.md).
 *
 * @example
 * ```ts
 * const d: Decision = { ...respondBody, respondedAt: '2026-03-12T15:10:00+08:00', decidingOrgId: 'SB-440301', dueAt: '2026-03-16T23:59:59.999+08:00', timeliness: 'met' };
 * ```
 */
export const Decision = z.extend(RespondBody, {
  // As stored: without a request's visible-text rule, so decisions recorded before it still read.
  remedy: z.optional(storedText(2000)),
  basis: storedText(4000),
  /** When the decision was recorded (decided at). */
  respondedAt: Timestamp,
  /** The organisation that made the decision (its handling organisation then). */
  decidingOrgId: z.string(),
  /** The deadline the decision was judged against (holds and extensions included). */
  dueAt: Timestamp,
  /** `met` when the complainant was told (`notifiedAt`) by `dueAt`. */
  timeliness: Timeliness,
});
/** A stored decision. @useDeclaredType @example `complaint.decision?.timeliness;` */
export type Decision = z.infer<typeof Decision>;

/**
 * The review (核查) of a decision by the higher-level organisation, recorded beside the original
 * decision, never over it (docs/domain/lifecycle.md): one review per decision.
 *
 * @example
 * ```ts
 * const r: Review = { requestedAt: '2026-03-20T10:00:00+08:00', reason: '不满意', decidedByOrgId: 'SB-440301', reviewerOrgId: 'BR-44', decision: null };
 * ```
 */
export const Review = z.object({
  requestedAt: Timestamp,
  reason: z.string(),
  /** The organisation whose decision is reviewed. */
  decidedByOrgId: z.string(),
  /** The reviewing organisation: the parent of the deciding one. */
  reviewerOrgId: z.string(),
  /** The review's own decision, once made. */
  decision: z.nullable(Decision),
});
/** A review. @useDeclaredType @example `complaint.review?.decision?.outcome;` */
export type Review = z.infer<typeof Review>;

/**
 * One follow-up (回访) attempt: reached or not, satisfaction 1–5, decision accepted or not, a comment,
 * and when. An attempt that did not reach the customer can be retried; every attempt is kept.
 *
 * @example
 * ```ts
 * const f: FollowUp = { attempt: 1, at: '2026-03-14T10:00:00+08:00', reached: false, score: null, decisionAccepted: null, comment: null };
 * ```
 */
export const FollowUp = z.object({
  /** 1 for the first attempt, then 2, 3 … */
  attempt: z.number().check(z.int(), z.positive()),
  at: Timestamp,
  reached: z.boolean(),
  score: z.nullable(z.number().check(z.int(), z.minimum(1), z.maximum(5))),
  decisionAccepted: z.nullable(z.boolean()),
  comment: z.nullable(z.string()),
});
/** A follow-up attempt. @useDeclaredType @example `complaint.followUps.at(-1)?.score;` */
export type FollowUp = z.infer<typeof FollowUp>;

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
  // Leaf codes only (or a class's "other" leaf), so shares never mix levels (docs/domain/taxonomy.md);
  // stored complaints keep whatever code they were registered with.
  businessChannel: BusinessChannelLeaf,
  businessCategory: BusinessCategoryLeaf,
  cause: ComplaintCauseLeaf,
  complainant: Complainant,
  /**
   * GB/T 2260 code of where the matter arose, on the published list at province and prefecture level
   * (a county code needs its prefecture). Left out: filled from the handling organisation (a
   * functional centre is not regional; head office alone does not say where); `null`: not regional.
   */
  regionCode: z.optional(z.nullable(RegionCode)),
  /** The organisation complained about (被投诉机构); defaults to the organisation that first handles it. */
  subjectOrgId: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
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
 * A complaint as the service stores and returns it. Staff and auditors read every field (auditors and
 * lists with personal data masked). The customer who owns it reads the same shape without what is the
 * bank's own: the fields documented "absent when the reader is the customer" (who handles it, staff
 * ids, internal flags and warning times, the classification suggestion), a timeline without staff
 * ids or internal notes, and follow-up comments only where they wrote them (docs/domain/personal-data.md).
 *
 * @example
 * ```ts
 * const c: Complaint = await client.complaints.get('CK20260301-000042');
 * console.log(c.status, c.deadlines.decisionDueAt);
 * c.assigneeId; // a staff id for staff; undefined for the customer
 * ```
 */
export const Complaint = z.object({
  id: ComplaintId,
  /** Increments with every change; useful for caches and optimistic UIs. */
  version: z.number().check(z.int(), z.positive()),
  status: ComplaintStatusSchema,
  ...registrationFields,
  // Free text as stored: a request's visible-text rule (primitives' `text`) came later, and a complaint
  // stored before it (a description of only U+200B) must still read everywhere it is returned.
  /** The regulator's reference for a regulator transfer (12378 / 12363). */
  regulatorReference: z.optional(storedText(64)),
  description: storedText(5000),
  requestedResolution: z.optional(storedText(2000)),
  attachments: z._default(z.array(AttachmentRecord).check(z.maxLength(20)), []),
  /** Normal, or complex, sensitive or major (包案); absent when the reader is the customer. */
  severity: z.optional(Severity),
  /** Staff member complained about, if any (回避); absent when the reader is the customer. */
  subjectStaffId: z.optional(z.string()),
  /**
   * The classification suggested when it was registered, beside the codes chosen; absent when none was
   * shown, and when the reader is the customer.
   */
  suggestion: z.optional(z.extend(SuggestionRecord, { model: storedText(64) })),
  complainant: ComplainantRecord,
  /** GB/T 2260 code of where the matter arose; `null` when not regional or unknown (see `regionScope`). */
  regionCode: z.nullable(RegionCode),
  regionScope: RegionScope,
  /** The organisation complained about (被投诉机构). */
  subjectOrgId: z.string(),
  handlingOrgId: z.string(),
  /** Who registered it: staff (by organisation only when the reader is the customer), the customer (self-service) or the system (regulator-transfer import). */
  registeredBy: TimelineActor,
  /**
   * The first responder (首问负责人): always a member of staff, kept through every transfer. The
   * registering staff member; for self-service and regulator-referred complaints the staff member who
   * accepts it (`null` until then). docs/domain/lifecycle.md. Absent when the reader is the customer.
   */
  firstResponder: z.optional(z.nullable(StaffActor)),
  /** The staff member handling it (`null`: nobody yet); absent when the reader is the customer. */
  assigneeId: z.optional(z.nullable(z.string())),
  /** The leader who took the case personally (包案); absent when the reader is the customer. */
  leaderId: z.optional(z.nullable(z.string())),
  receivedAt: Timestamp,
  /** The day of receipt in Asia/Shanghai (`YYYY-MM-DD`): periods are bank days, not UTC days. */
  receivedDay: z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/)),
  deadlines: Deadlines,
  /** The decision (the original one: a review's decision is kept beside it in `review`). */
  decision: z.nullable(Decision),
  /** The review (核查) of the decision, if one was requested. */
  review: z.nullable(Review),
  /** Every follow-up attempt, oldest first. */
  followUps: z.array(FollowUp),
  repeatOf: z.nullable(ComplaintId),
  mergedInto: z.nullable(ComplaintId),
  /** Later complaints merged into this one. */
  mergedFrom: z.array(ComplaintId),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  timeline: z.array(TimelineEvent),
});
/** A complaint. @example `const c: Complaint = await client.complaints.get(id);` */
export interface Complaint extends z.infer<typeof Complaint> {}

