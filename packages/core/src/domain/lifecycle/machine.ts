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
import { actionRefusal, declineRefusal, mergeRefusal, namedPersonRefusal, type Refusal } from './rules.js';
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
   * The service knows the organisation tree and passes it; `null` when the deciding organisation has
   * no parent (the head office: the request is refused); left out, the complaint stays where it is.
   */
  readonly reviewerOrgId?: string | null;
  /**
   * For `merge`: the complaint to merge into, as stored now. The service always passes it, and the
   * merge rules (earlier, open, same complainant) are checked against it; without it only the
   * self-merge is refused.
   */
  readonly mergeTarget?: Pick<Complaint, 'id' | 'status' | 'receivedAt' | 'complainant'>;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The actions this actor may take on the complaint now: state and role allow them, and so do the
 * rules (docs/domain/lifecycle.md): recusal (none for the staff member complained about), extension
 * limits and approvals, one review per decision (and none of a head-office decision, when
 * `at.reviewerOrgId` is `null`). Given `at` (and the whole complaint), the clock's rules apply as
 * well: no extension once the deadline it would extend has passed, no review request after its
 * 30-day window, so a UI never offers a step the service will refuse.
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
  at?: { readonly now: number; readonly clock?: Omit<ClockOptions, 'now'>; readonly reviewerOrgId?: string | null },
): ComplaintAction[] {
  const role = actorRole(actor);
  // With a time and the whole complaint, the clock's rules apply too (see applyAction).
  const clock = at && 'timeline' in complaint ? computeClock(complaint, { ...at.clock, now: at.now }) : undefined;
  const rules = { clock, now: at?.now ?? Number.NEGATIVE_INFINITY, reviewerOrgId: at?.reviewerOrgId };
  const whole = { subjectStaffId: undefined, review: null, ...complaint };
  return COMPLAINT_ACTIONS.filter((a) => {
    const rule = TRANSITIONS[a];
    if (!rule.from.includes(complaint.status) || !rule.roles.includes(role)) return false;
    return actionRefusal(whole, a, actor, role, rules) === null;
  });
}

const refuse = (code: RefusalCode, action: ComplaintAction, complaint: Complaint, ctx: StepContext, message: string) =>
  refusal(code, action, complaint.status, allowedActions(complaint, ctx.actor, ctx), message);
const refuseFor = (r: Refusal, action: ComplaintAction, complaint: Complaint, ctx: StepContext) => refuse(r.code, action, complaint, ctx, r.message);

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
  return step(complaint, action, input, ctx, true, false);
}

/**
 * @internal `o` itself, or a copy without its own `__proto__` key, for `Object.assign` to copy from:
 * Object.assign sets each key, so an own `__proto__` (which `JSON.parse` makes) would call the
 * prototype setter of the copy instead of being copied (spread syntax defines it as a plain key). A
 * schema's output never has that key (zod keeps only the fields it knows), so dropping it gives what a
 * parsed body would; a trusted body or a caller's input built from `JSON.parse` may have it.
 */
function assignable<T extends object>(o: T): T {
  // A trusted step may come without a body (its action takes none): nothing to copy, as before.
  if (o == null || !Object.hasOwn(o, '__proto__')) return o;
  const { ['__proto__']: _dropped, ...rest } = o as Record<string, unknown>;
  return rest as T;
}

/**
 * One lifecycle step of {@link applyAction}. With `settle` false (a step followed by another, see
 * {@link applySteps}) the deadline snapshot is carried over instead of recomputed, its extension level
 * (the one field of it a rule reads) moved by an extension; a step that restarts the clock (new facts,
 * reopen) settles it anyway. The clock itself is computed only when this step reads it: the extension
 * and review rules, and a decision's deadline.
 */
function step<A extends ComplaintAction>(complaint: Complaint, action: A, input: unknown, ctx: StepContext, settle: boolean, trusted: boolean): Complaint {
  const rule = TRANSITIONS[action];
  const role = actorRole(ctx.actor);
  if (!rule.from.includes(complaint.status)) {
    throw refuse('invalid_transition', action, complaint, ctx, `cannot ${action} a complaint that is ${complaint.status}`);
  }
  if (!rule.roles.includes(role)) {
    throw refuse('role_not_allowed', action, complaint, ctx, `the ${role} role may not ${action}; allowed: ${rule.roles.join(', ')}`);
  }
  // The clock before this step, computed when read: the extension and review rules (the only rules
  // that read it) and a decision's deadline.
  const clockNow = () => computeClock(complaint, { ...ctx.clock, now: ctx.now });
  const clock = action === 'extend' || action === 'request_review' || action === 'respond' ? clockNow() : undefined;
  // Recusal, extension and review rules: the same functions allowedActions applies.
  const ruled = actionRefusal(complaint, action, ctx.actor, role, { clock, now: ctx.now, reviewerOrgId: ctx.reviewerOrgId });
  if (ruled) throw refuseFor(ruled, action, complaint, ctx);
  // A trusted body (see applySteps) is taken as its schema's output; any other is parsed.
  const body = (trusted ? input : ACTION_BODIES[action].parse(input)) as ActionBody<A>;
  const violation = (message: string) => refuse('rule_violation', action, complaint, ctx, message);
  const check = (r: Refusal | null) => {
    if (r) throw refuseFor(r, action, complaint, ctx);
  };
  const at = iso(ctx.now);

  // Copies with Object.assign, not spread syntax followed by properties: the same keys in the same
  // order, but on Node 20 an object made by a spread takes each further property on a slow path
  // (≈ 20 µs for a complaint against ≈ 2 µs), most of a history replay's CPU.
  let next: Complaint = Object.assign({}, assignable(complaint));
  let to: ComplaintStatus = rule.to === 'same' ? complaint.status : rule.to === 'previous' ? complaint.status : rule.to;
  const data = Object.assign({}, assignable(body as object)) as Record<string, unknown>;
  let reason: string | null = typeof data.reason === 'string' ? data.reason : null;
  // 首问负责 (docs/domain/lifecycle.md): every complaint has a staff first responder. A self-service or
  // regulator-referred complaint gets the member of staff who accepts it, or who ends it before anyone
  // accepted it (declines, merges or records its withdrawal). Routing it on unaccepted (a transfer) is
  // not receiving it: the one who accepts it where it was sent is its first responder.
  if (ctx.actor.kind === 'staff' && complaint.firstResponder === null && action !== 'transfer') next.firstResponder = ctx.actor;

  switch (action) {
    case 'accept': {
      // 首问负责 (docs/domain/lifecycle.md): a self-service or regulator-referred complaint gets its
      // staff first responder here; accepting also verifies the complainant's identity.
      next.complainant = Object.assign({}, assignable(complaint.complainant), { identityVerified: true });
      break;
    }
    case 'decline': {
      check(declineRefusal(complaint, body as ActionBody<'decline'>));
      break;
    }
    case 'merge': {
      const b = body as ActionBody<'merge'>;
      check(mergeRefusal(complaint, b.intoComplaintId, ctx.mergeTarget));
      next.mergedInto = b.intoComplaintId;
      break;
    }
    case 'transfer': {
      const b = body as ActionBody<'transfer'>;
      check(namedPersonRefusal(complaint, b.toAssigneeId));
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
      check(namedPersonRefusal(complaint, assignee));
      next.assigneeId = assignee;
      break;
    }
    case 'escalate': {
      const b = body as ActionBody<'escalate'>;
      // docs/domain/lifecycle.md, recusal (回避): a leader who takes the case personally (包案) handles it, so the
      // staff member complained about may not be that leader either.
      check(namedPersonRefusal(complaint, b.leaderId));
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
      // The level, role and deadline rules were checked above (extensionRefusal); the body's one here.
      if (level === 1 && !b.approvedBy) throw violation('the second extension needs approvedBy: the approving senior manager or higher-level organisation');
      data.level = level + 1;
      break;
    }
    case 'respond': {
      const b = body as ActionBody<'respond'>;
      // docs/domain/clocks.md: decide *and inform* within the period, so met or missed is judged on
      // when the complainant was told, which cannot lie in the future.
      if (Date.parse(b.notifiedAt) > ctx.now + 60_000) throw violation('notifiedAt lies in the future: record the decision once the complainant has been told');
      const reviewing = complaint.status === 'under_review' && complaint.review !== null;
      const before = clock ?? clockNow();
      const dueAt = reviewing ? (before.review?.decisionDueAt ?? before.dueAt) : before.dueAt;
      const decision: Decision = Object.assign({}, assignable(b), {
        respondedAt: at,
        decidingOrgId: complaint.handlingOrgId,
        dueAt,
        timeliness: timelinessOf(b.notifiedAt, dueAt),
      });
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
      // The window, one review per decision and the head-office refusal were checked above (reviewRequestRefusal).
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
  next = Object.assign({}, next, { status: to, version: complaint.version + 1, updatedAt: at, timeline: [...complaint.timeline, event] });
  if (settle || action === 'new_facts' || action === 'reopen') next.deadlines = deadlinesOf(next, { ...ctx.clock, now: ctx.now });
  else if (action === 'extend') next.deadlines = { ...complaint.deadlines, extensionLevel: data.level as 1 | 2 };
  return next;
}

/**
 * One step of {@link applySteps}: an action, its body (as `applyAction` takes it) and its context.
 *
 * @example
 * ```ts
 * const s: LifecycleStep = { action: 'accept', input: {}, ctx: { actor, now: Date.now(), seq: 2 } };
 * ```
 */
export interface LifecycleStep {
  readonly action: ComplaintAction;
  readonly input: unknown;
  readonly ctx: StepContext;
}

/**
 * How {@link applySteps} takes its steps. `trusted`: the actions whose step `input` is already what
 * the action's body schema (`ACTION_BODIES`) outputs for it, built by the caller from data it
 * validated (a history import builds the bodies from a validated row), so it is not parsed again.
 * A body that is not what the schema would output gives a complaint the service would not have
 * stored, and a schema that checks more than its fields' types (`follow_up`: a reached follow-up
 * needs a score) would not refuse: only for bodies built in code, never for a caller's input.
 *
 * @example
 * ```ts
 * const o: ApplyStepsOptions = { trusted: ['accept', 'start', 'respond'] };
 * ```
 */
export interface ApplyStepsOptions {
  readonly trusted?: readonly ComplaintAction[];
}

/**
 * Applies several lifecycle steps in a row: the same complaint, and the same refusal at the same
 * step, as {@link applyAction} one step after another, for a fraction of the clock arithmetic (a test
 * replays random histories both ways): the deadline snapshot is computed once, after the last step,
 * and the clock only before a step whose rules read it. For replaying a complaint's known history (a
 * history import). Returns the complaint, or the index of the step refused with the error
 * `applyAction` throws for it. With `trusted`, those actions' bodies are not parsed (see {@link ApplyStepsOptions}).
 *
 * @example
 * ```ts
 * const r = applySteps(registered, [{ action: 'accept', input: {}, ctx }, { action: 'start', input: {}, ctx: { ...ctx, seq: 3 } }]);
 * if ('complaint' in r) save(r.complaint); else console.log(`step ${r.index}:`, r.error);
 * ```
 */
export function applySteps(complaint: Complaint, steps: readonly LifecycleStep[], options: ApplyStepsOptions = {}): { complaint: Complaint } | { index: number; error: unknown } {
  let c = complaint;
  const trusted = options.trusted ?? [];
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i] as LifecycleStep;
    try {
      c = step(c, s.action, s.input, s.ctx, i === steps.length - 1, trusted.includes(s.action));
    } catch (error) {
      return { index: i, error };
    }
  }
  return { complaint: c };
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
  /**
   * `false`: the deadline snapshot is left at its starting value (clock started at receipt, no
   * deadline, no extension) instead of computed, for a caller that applies steps right after with
   * {@link applySteps}, whose last step computes it (a history replay: the steps before read only
   * its extension level). Default `true`.
   */
  readonly settle?: boolean;
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
  // Object.assign rather than spread syntax (the same keys in the same order): see `step`.
  const complaint: Complaint = Object.assign({}, assignable(fields), {
    id: ctx.id,
    version: 1,
    status: 'registered' as const,
    complainant: Object.assign({}, assignable(complainant), {
      // Only staff vouch for identity at registration (docs/domain/personal-data.md).
      identityVerified: ctx.actor.kind === 'staff' && complainant.identityVerified === true,
      phoneHash: hash('phone', complainant.phone),
      idNumberHash: hash('idNumber', complainant.idNumber),
    }),
  }, regionFor(regionCode, ctx.handlingOrg), {
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
  });
  if (ctx.settle !== false) complaint.deadlines = deadlinesOf(complaint, { ...ctx.clock, now: ctx.now });
  return complaint;
}
