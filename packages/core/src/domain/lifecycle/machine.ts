import { type ClockOptions, computeClock, deadlinesOf } from '../clock/compute.js';
import { ACTION_BODIES, type ActionBody } from '../schemas/actions.js';
import type { IdentityKind } from '../identity/keyed-hash.js';
import { type Actor, actorRole, type Organisation } from '../schemas/actor.js';
import type { Complaint, ComplaintCreate, Decision, TimelineEvent } from '../schemas/complaint.js';
import { localDate } from '../clock/time.js';
import { timelinessOf } from '../clock/timeliness.js';
import { regionFor } from '../taxonomy/region-scope.js';
import type { RefusalCode } from '../../core/errors/refused-error.js';
import { refusal } from './errors.js';
import { COMPLAINT_ACTIONS, type ComplaintAction, type ComplaintStatus } from './states.js';
import { REGISTER_ROLES, TRANSITIONS } from './transitions.js';

/**
 * What a lifecycle step needs besides the complaint: who acts, when, the timeline sequence number the
 * store assigned to the event, and the clock settings.
 *
 * @example
 * ```ts
 * const ctx: StepContext = { actor, now: Date.now(), seq: 42 };
 * ```
 */
export interface StepContext {
  readonly actor: Actor;
  readonly now: number;
  readonly seq: number;
  readonly clock?: Omit<ClockOptions, 'now'>;
  /**
   * For `request_review`: the organisation that reviews (核查), the parent of the one that decided.
   * The service knows the organisation tree and passes it; without it the complaint stays where it is.
   */
  readonly reviewerOrgId?: string;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The actions this actor may take on the complaint now: state and role allow them, and so do the
 * rules (extension limits and approvals). Given `at` (and the whole complaint), the clock's rules
 * apply as well: no extension once the deadline it would extend has passed, no review request after
 * its 30-day window, so a UI never offers a step the service will refuse.
 *
 * @example
 * ```ts
 * allowedActions(complaint, { kind: 'staff', id: 'u-1', role: 'handler', orgId: 'BR-44' });
 * // ['merge', 'transfer', 'escalate', 'hold']
 * allowedActions(complaint, manager, { now: Date.now() }); // without 'extend' once overdue
 * ```
 */
export function allowedActions(
  complaint: Pick<Complaint, 'status' | 'deadlines'> | Complaint,
  actor: Actor,
  at?: { readonly now: number; readonly clock?: Omit<ClockOptions, 'now'> },
): ComplaintAction[] {
  const role = actorRole(actor);
  // With a time and the whole complaint, the clock's rules apply too (see applyAction).
  const clock = at && 'timeline' in complaint ? computeClock(complaint, { ...at.clock, now: at.now }) : undefined;
  return COMPLAINT_ACTIONS.filter((a) => {
    const rule = TRANSITIONS[a];
    if (!rule.from.includes(complaint.status) || !rule.roles.includes(role)) return false;
    if (a === 'extend') {
      // Measures art. 17: a manager (or leadership) grants the first extension, only leadership the second,
      // and only while the period it extends is still running.
      const level = complaint.deadlines.extensionLevel;
      if (!(level === 0 || (level === 1 && role === 'leadership'))) return false;
      if (clock && at && !clock.paused && at.now > Date.parse(clock.dueAt)) return false;
    }
    if (a === 'request_review' && clock?.review && at && at.now > Date.parse(clock.review.requestBy)) return false;
    return true;
  });
}

const refuse = (code: RefusalCode, action: ComplaintAction, complaint: Complaint, ctx: StepContext, message: string) =>
  refusal(code, action, complaint.status, allowedActions(complaint, ctx.actor, ctx), message);

/**
 * Checks and applies one lifecycle action, returning the new complaint (timeline event appended,
 * deadlines recomputed). Pure: it writes nothing, so the store can persist the result and its
 * event in one transaction. Throws a `RefusedError` (`InvalidTransitionError`, `ForbiddenError` or `RuleViolationError`, the
 * classes the client throws for the service's refusals) when the state, the role or a rule refuses.
 *
 * @example
 * ```ts
 * const next = applyAction(complaint, 'accept', {}, { actor, now: Date.now(), seq: 43 });
 * next.status; // 'accepted'
 * ```
 */
export function applyAction<A extends ComplaintAction>(
  complaint: Complaint,
  action: A,
  input: unknown,
  ctx: StepContext,
): Complaint {
  const rule = TRANSITIONS[action];
  const role = actorRole(ctx.actor);
  if (!rule.from.includes(complaint.status)) {
    throw refuse('invalid_transition', action, complaint, ctx, `cannot ${action} a complaint that is ${complaint.status}`);
  }
  if (!rule.roles.includes(role)) {
    throw refuse('role_not_allowed', action, complaint, ctx, `the ${role} role may not ${action}; allowed: ${rule.roles.join(', ')}`);
  }
  const body = ACTION_BODIES[action].parse(input) as ActionBody<A>;
  const violation = (message: string) => refuse('rule_violation', action, complaint, ctx, message);
  const at = iso(ctx.now);

  let next: Complaint = { ...complaint };
  let to: ComplaintStatus = rule.to === 'same' ? complaint.status : rule.to === 'previous' ? complaint.status : rule.to;
  const data: Record<string, unknown> = { ...(body as object) };
  let reason: string | null = typeof data.reason === 'string' ? data.reason : null;

  switch (action) {
    case 'accept': {
      // 首问负责 (docs/domain/lifecycle.md): a self-service or regulator-referred complaint gets its
      // staff first responder here; accepting also verifies the complainant's identity.
      if (ctx.actor.kind === 'staff') next.firstResponder ??= ctx.actor;
      next.complainant = { ...complaint.complainant, identityVerified: true };
      break;
    }
    case 'merge': {
      const b = body as ActionBody<'merge'>;
      if (b.intoComplaintId === complaint.id) throw violation('a complaint cannot be merged into itself');
      next.mergedInto = b.intoComplaintId;
      break;
    }
    case 'transfer': {
      const b = body as ActionBody<'transfer'>;
      if (b.toAssigneeId && b.toAssigneeId === complaint.subjectStaffId) throw violation('recusal (回避): the staff member complained about may not handle it');
      data.fromOrgId = complaint.handlingOrgId;
      data.fromAssigneeId = complaint.assigneeId;
      if (b.toOrgId) next.handlingOrgId = b.toOrgId;
      // A transfer to another organisation without a named person leaves it unassigned there.
      next.assigneeId = b.toAssigneeId ?? (b.toOrgId && b.toOrgId !== complaint.handlingOrgId ? null : complaint.assigneeId);
      break;
    }
    case 'start': {
      const b = body as ActionBody<'start'>;
      const assignee = b.assigneeId ?? complaint.assigneeId ?? ctx.actor.id;
      if (assignee === complaint.subjectStaffId) throw violation('recusal (回避): the staff member complained about may not handle it');
      next.assigneeId = assignee;
      break;
    }
    case 'escalate': {
      const b = body as ActionBody<'escalate'>;
      // docs/domain/lifecycle.md, recusal (回避): a leader who takes the case personally (包案) handles it, so the
      // staff member complained about may not be that leader either.
      if (b.leaderId && b.leaderId === complaint.subjectStaffId) throw violation('recusal (回避): the staff member complained about may not handle it');
      next.severity = b.severity;
      next.leaderId = b.leaderId ?? complaint.leaderId;
      break;
    }
    case 'resume': {
      const hold = [...complaint.timeline].reverse().find((e) => e.type === 'hold');
      to = hold?.fromStatus === 'escalated' ? 'escalated' : 'in_progress';
      break;
    }
    case 'extend': {
      const b = body as ActionBody<'extend'>;
      const level = complaint.deadlines.extensionLevel;
      if (level >= 2) throw violation('both extensions have been used: 60 days is the longest period the Measures allow');
      // docs/domain/lifecycle.md ("who": manager first, leadership second): a manager asking for the second
      // extension is refused for their role (403 role_not_allowed, as allowedActions already says),
      // not as a rule violation.
      if (level === 1 && role !== 'leadership')
        throw refuse('role_not_allowed', action, complaint, ctx, 'the second extension needs leadership (higher-level or senior approval)');
      if (level === 1 && !b.approvedBy) throw violation('the second extension needs approvedBy: the approving senior manager or higher-level organisation');
      // An extension lengthens a period that is still running (Measures art. 17); granted after the
      // deadline it would turn a missed deadline into a met one and flatter the timeliness rate.
      const clock = computeClock(complaint, { ...ctx.clock, now: ctx.now });
      if (!clock.paused && ctx.now > Date.parse(clock.dueAt))
        throw violation(`the decision was due ${clock.dueAt}: an extension must be granted before the deadline it extends`);
      data.level = level + 1;
      break;
    }
    case 'respond': {
      const b = body as ActionBody<'respond'>;
      // docs/domain/clocks.md: decide *and inform* within the period, so met or missed is judged on
      // when the complainant was told, which cannot lie in the future.
      if (Date.parse(b.notifiedAt) > ctx.now + 60_000) throw violation('notifiedAt lies in the future: record the decision once the complainant has been told');
      const clock = computeClock(complaint, { ...ctx.clock, now: ctx.now });
      const reviewing = complaint.status === 'under_review' && complaint.review !== null;
      const dueAt = reviewing ? (clock.review?.decisionDueAt ?? clock.dueAt) : clock.dueAt;
      const decision: Decision = {
        ...b,
        respondedAt: at,
        decidingOrgId: complaint.handlingOrgId,
        dueAt,
        timeliness: timelinessOf(b.notifiedAt, dueAt),
      };
      // docs/domain/lifecycle.md: the review's decision is recorded beside the original, not over it.
      if (reviewing && complaint.review) next.review = { ...complaint.review, decision };
      else next.decision = decision;
      reason = null;
      break;
    }
    case 'follow_up': {
      const b = body as ActionBody<'follow_up'>;
      // docs/domain/lifecycle.md: every attempt is kept; one that did not reach the customer leaves
      // the complaint responded, so the follow-up can be retried.
      next.followUps = [
        ...complaint.followUps,
        {
          attempt: complaint.followUps.length + 1,
          at,
          reached: b.reached,
          score: b.reached ? (b.satisfaction ?? null) : null,
          decisionAccepted: b.decisionAccepted ?? null,
          comment: b.comment ?? null,
        },
      ];
      if (!b.reached) to = complaint.status;
      break;
    }
    case 'request_review': {
      const clock = computeClock(complaint, { ...ctx.clock, now: ctx.now });
      if (clock.review && ctx.now > Date.parse(clock.review.requestBy))
        throw violation(`a review must be requested by ${clock.review.requestBy} (30 days after the complainant received the decision)`);
      // docs/domain: the reviewer is the parent of the deciding organisation; a reviewer there assigns it.
      data.decidedByOrgId = complaint.handlingOrgId;
      if (ctx.reviewerOrgId && ctx.reviewerOrgId !== complaint.handlingOrgId) {
        next.handlingOrgId = ctx.reviewerOrgId;
        next.assigneeId = null;
      }
      data.reviewerOrgId = next.handlingOrgId;
      next.review = {
        requestedAt: at,
        reason: (body as ActionBody<'request_review'>).reason,
        decidedByOrgId: complaint.handlingOrgId,
        reviewerOrgId: next.handlingOrgId,
        decision: null,
      };
      break;
    }
    case 'new_facts':
    case 'reopen': {
      // docs/domain/clocks.md: new facts restart the clock from their receipt, which cannot lie in the
      // future (as registration refuses a future receivedAt), or the clock would be stretched.
      const b = body as ActionBody<'reopen' | 'new_facts'>;
      if (b.newFactsReceivedAt && Date.parse(b.newFactsReceivedAt) > ctx.now + 60_000) throw violation('newFactsReceivedAt lies in the future');
      if (action === 'reopen') {
        next.decision = null;
        next.review = null;
      }
      break;
    }
  }

  const event: TimelineEvent = {
    seq: ctx.seq,
    type: action,
    at,
    actor: ctx.actor,
    fromStatus: complaint.status,
    toStatus: to,
    reason,
    data,
  };
  next = { ...next, status: to, version: complaint.version + 1, updatedAt: at, timeline: [...complaint.timeline, event] };
  next.deadlines = deadlinesOf(next, { ...ctx.clock, now: ctx.now });
  return next;
}

/**
 * What registration needs besides a step's context: the complaint number, the handling organisation
 * (as routed by the service) and, when known, that organisation's kind and region (to fill the
 * region: docs/domain/taxonomy.md) and the bank's keyed hasher for the identity hashes
 * (docs/domain/personal-data.md; `createIdentityHasher` from `@complaintkit/core/node`).
 *
 * @example
 * ```ts
 * const ctx: RegisterContext = { actor, now: Date.now(), seq: 1, id: 'CK20260301-000001', handlingOrgId: 'SB-440301' };
 * ```
 */
export interface RegisterContext extends StepContext {
  readonly id: string;
  readonly handlingOrgId: string;
  readonly handlingOrg?: Pick<Organisation, 'kind' | 'regionCode'>;
  readonly hashIdentity?: (kind: IdentityKind, raw: string) => string | null;
}

/**
 * Registers a complaint: the registering actor becomes its first responder (首问负责制) and the
 * decision clock starts at receipt. Throws `ForbiddenError` for a role that may not register.
 *
 * @example
 * ```ts
 * const c = registerComplaint(input, { id: 'CK20260301-000001', handlingOrgId: 'SB-440301', actor, now: Date.now(), seq: 1 });
 * c.firstResponder; // actor
 * ```
 */
export function registerComplaint(input: ComplaintCreate, ctx: RegisterContext): Complaint {
  const role = actorRole(ctx.actor);
  if (!REGISTER_ROLES.includes(role)) {
    throw refusal('role_not_allowed', 'register', null, [], `the ${role} role may not register complaints`);
  }
  const at = iso(ctx.now);
  const receivedAt = input.receivedAt ?? at;
  if (Date.parse(receivedAt) > ctx.now + 60_000) {
    throw refusal('rule_violation', 'register', null, [], 'receivedAt lies in the future');
  }
  const { handlingOrgId: _h, receivedAt: _r, repeatOf, regionCode, subjectOrgId, complainant, ...fields } = input;
  const hash = (kind: IdentityKind, raw: string | undefined) => (raw === undefined || !ctx.hashIdentity ? null : ctx.hashIdentity(kind, raw));
  const complaint: Complaint = {
    ...fields,
    id: ctx.id,
    version: 1,
    status: 'registered',
    complainant: {
      ...complainant,
      // Only staff vouch for identity at registration (docs/domain/personal-data.md).
      identityVerified: ctx.actor.kind === 'staff' && complainant.identityVerified === true,
      phoneHash: hash('phone', complainant.phone),
      idNumberHash: hash('idNumber', complainant.idNumber),
    },
    ...regionFor(regionCode, ctx.handlingOrg),
    subjectOrgId: subjectOrgId ?? ctx.handlingOrgId,
    handlingOrgId: ctx.handlingOrgId,
    registeredBy: ctx.actor,
    // 首问负责: a member of staff, or nobody until a member of staff accepts it (see accept).
    firstResponder: ctx.actor.kind === 'staff' ? ctx.actor : null,
    // docs/domain/lifecycle.md, recusal (回避): the staff member complained about stays first responder (首问负责)
    // but is never made the assignee.
    assigneeId: ctx.actor.kind === 'staff' && ctx.actor.id !== input.subjectStaffId ? ctx.actor.id : null,
    leaderId: null,
    receivedAt,
    receivedDay: localDate(Date.parse(receivedAt)),
    deadlines: { clockStartedAt: receivedAt, decisionDueAt: null, warnAt: null, extensionLevel: 0, paused: false, reviewDueAt: null, reviewWarnAt: null, calendarCovered: true },
    decision: null,
    review: null,
    followUps: [],
    repeatOf: repeatOf ?? null,
    mergedInto: null,
    mergedFrom: [],
    createdAt: at,
    updatedAt: at,
    timeline: [
      {
        seq: ctx.seq,
        type: 'register',
        at,
        actor: ctx.actor,
        fromStatus: null,
        toStatus: 'registered',
        reason: null,
        data: { intakeChannel: input.intakeChannel, handlingOrgId: ctx.handlingOrgId },
      },
    ],
  };
  complaint.deadlines = deadlinesOf(complaint, { ...ctx.clock, now: ctx.now });
  return complaint;
}
