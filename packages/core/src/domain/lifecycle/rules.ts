/**
 * The rules at the edges of the lifecycle (docs/domain/lifecycle.md, "Rules at the edges"), each
 * written once: `allowedActions` uses them to offer only what will be accepted, `applyAction` to refuse
 * what is not. Each returns `null` when the rule allows the step, or why it does not.
 */
import type { ComplaintClock } from '../clock/compute.js';
import type { Actor, ActorRole } from '../schemas/actor.js';
import type { Complaint } from '../schemas/complaint.js';
import type { RefusalCode } from '../../core/errors/refused-error.js';
import { type ComplaintAction, isOpen } from './states.js';

/** Why a rule refuses a step: the refusal's code and what to tell the caller. @example `const r: Refusal = { code: 'rule_violation', message: '…' };` */
export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
}

/**
 * The one recusal (回避) message: the staff member complained about may neither handle the complaint
 * nor be made its handler, assignee or leader (the Measures require handling by people with no direct
 * interest in the matter).
 *
 * @example
 * ```ts
 * RECUSAL_MESSAGE.startsWith('recusal'); // true
 * ```
 */
export const RECUSAL_MESSAGE =
  'recusal (回避): the staff member complained about may not handle this complaint or take any step on it; a colleague with no interest in the matter must act';

/**
 * Recusal for the acting person: the staff member complained about (`subjectStaffId`) takes no step
 * on the complaint, whatever the step (docs/domain/lifecycle.md). Registering it is not a step here:
 * whoever receives a complaint records it, and stays its first responder.
 *
 * @example
 * ```ts
 * recusalRefusal(complaint, { kind: 'staff', id: complaint.subjectStaffId, role: 'handler', orgId: 'BR-44' }); // { code: 'rule_violation', … }
 * ```
 */
export function recusalRefusal(complaint: Pick<Complaint, 'subjectStaffId'>, actor: Actor): Refusal | null {
  return actor.kind === 'staff' && complaint.subjectStaffId !== undefined && actor.id === complaint.subjectStaffId
    ? { code: 'rule_violation', message: RECUSAL_MESSAGE }
    : null;
}

/**
 * Recusal for a person the step names (a transfer's or start's assignee, an escalation's leader).
 *
 * @example
 * ```ts
 * namedPersonRefusal(complaint, 'u-9001'); // null unless u-9001 is the person complained about
 * ```
 */
export function namedPersonRefusal(complaint: Pick<Complaint, 'subjectStaffId'>, staffId: string | null | undefined): Refusal | null {
  return staffId != null && staffId === complaint.subjectStaffId ? { code: 'rule_violation', message: RECUSAL_MESSAGE } : null;
}

/**
 * The extension rules (Measures art. 17; docs/domain/lifecycle.md): a manager or leadership grants the
 * first, only leadership the second (with `approvedBy`, checked on the body), never a third; and only
 * while the period it extends is still running (with a clock: an extension granted late would flatter
 * timeliness).
 *
 * @example
 * ```ts
 * extensionRefusal(complaint, 'manager', clock, Date.now()); // null while the first extension is possible
 * ```
 */
export function extensionRefusal(
  complaint: Pick<Complaint, 'deadlines'>,
  role: ActorRole,
  clock: Pick<ComplaintClock, 'paused' | 'dueAt'> | undefined,
  now: number,
): Refusal | null {
  const level = complaint.deadlines.extensionLevel;
  if (level >= 2) return { code: 'rule_violation', message: 'both extensions have been used: 60 days is the longest period the Measures allow' };
  // "who": manager first, leadership second. A manager asking for the second is refused for their role
  // (403 role_not_allowed), not as a rule violation.
  if (level === 1 && role !== 'leadership')
    return { code: 'role_not_allowed', message: 'the second extension needs leadership (higher-level or senior approval)' };
  if (clock && !clock.paused && now > Date.parse(clock.dueAt))
    return { code: 'rule_violation', message: `the decision was due ${clock.dueAt}: an extension must be granted before the deadline it extends` };
  return null;
}

/**
 * The review (核查) rules (docs/domain/lifecycle.md): one review per decision (refused once the review
 * has decided); a head-office decision has no higher-level organisation to review it
 * (`reviewerOrgId === null`: the deciding organisation has no parent); and the request must come within
 * 30 days of the complainant receiving the decision (with a clock).
 *
 * @example
 * ```ts
 * reviewRequestRefusal(complaint, clock, Date.now(), null); // { code: 'review_unavailable', … }
 * ```
 */
export function reviewRequestRefusal(
  complaint: Pick<Complaint, 'review'>,
  clock: Pick<ComplaintClock, 'review'> | undefined,
  now: number,
  reviewerOrgId: string | null | undefined,
): Refusal | null {
  if (complaint.review?.decision)
    return {
      code: 'review_unavailable',
      message: `this decision was already reviewed by ${complaint.review.reviewerOrgId} (one review per decision): the complainant may turn to mediation, arbitration, litigation or the regulator`,
    };
  if (reviewerOrgId === null)
    return {
      code: 'review_unavailable',
      message: 'the head office decided this complaint and has no higher-level organisation to review it: the complainant may turn to mediation, arbitration, litigation or the regulator',
    };
  if (clock?.review && now > Date.parse(clock.review.requestBy))
    return { code: 'rule_violation', message: `a review must be requested by ${clock.review.requestBy} (30 days after the complainant received the decision)` };
  return null;
}

/**
 * Whether two complaints are from the same complainant: the same retail-customer id, or the same keyed
 * hash of a verified phone or ID number (docs/domain/personal-data.md), never raw identifiers.
 *
 * @example
 * ```ts
 * sameComplainant(a, b); // true when a.complainant.customerId === b.complainant.customerId
 * ```
 */
export function sameComplainant(a: Pick<Complaint, 'complainant'>, b: Pick<Complaint, 'complainant'>): boolean {
  const same = (x: string | null | undefined, y: string | null | undefined) => x != null && x === y;
  return (
    same(a.complainant.customerId, b.complainant.customerId) ||
    same(a.complainant.phoneHash, b.complainant.phoneHash) ||
    same(a.complainant.idNumberHash, b.complainant.idNumberHash)
  );
}

/**
 * The merge rules (docs/domain/lifecycle.md): never into itself; with the target at hand, only into an
 * *earlier*, *open* complaint of the *same complainant*. An open target is never itself merged, so
 * merges form no cycles.
 *
 * @example
 * ```ts
 * mergeRefusal(later, 'CK20260301-000001', earlier); // null
 * mergeRefusal(c, c.id);                             // { code: 'rule_violation', message: '… into itself' }
 * ```
 */
export function mergeRefusal(
  source: Pick<Complaint, 'id' | 'receivedAt' | 'complainant'>,
  intoComplaintId: string,
  target?: Pick<Complaint, 'id' | 'status' | 'receivedAt' | 'complainant'>,
): Refusal | null {
  const refuse = (message: string): Refusal => ({ code: 'rule_violation', message });
  if (intoComplaintId === source.id) return refuse('a complaint cannot be merged into itself');
  if (!target) return null;
  if (!isOpen(target.status)) return refuse(`${target.id} is ${target.status}: merge only into an open complaint`);
  if (Date.parse(target.receivedAt) > Date.parse(source.receivedAt) || (target.receivedAt === source.receivedAt && target.id > source.id))
    return refuse(`${target.id} was received after this one: merge the later complaint into the earlier`);
  if (!sameComplainant(source, target)) return refuse(`${target.id} is another complainant's: merge only repeats of the same complainant`);
  return null;
}

/**
 * The decline rule (不予办理; docs/domain/lifecycle.md): at registration on either ground; during
 * handling only when the bank finds the complaint was not made by the complainant or their legal
 * representative or agent (`ground: 'not_by_complainant'`).
 *
 * @example
 * ```ts
 * declineRefusal(inProgress, {}); // { code: 'rule_violation', … }
 * declineRefusal(inProgress, { ground: 'not_by_complainant' }); // null
 * ```
 */
export function declineRefusal(complaint: Pick<Complaint, 'status'>, body: { readonly ground?: string | undefined }): Refusal | null {
  if (complaint.status === 'registered' || body.ground === 'not_by_complainant') return null;
  return {
    code: 'rule_violation',
    message: `during handling a complaint may be declined only when it was not made by the complainant or their representative: send ground "not_by_complainant", or carry on handling it`,
  };
}

/**
 * The rule-based refusal of an action for this actor, before its body is known: recusal, and the
 * extension and review rules. `allowedActions` leaves out whatever this refuses.
 *
 * @example
 * ```ts
 * actionRefusal(complaint, 'extend', actor, 'manager', { clock, now: Date.now() });
 * ```
 */
export function actionRefusal(
  complaint: Pick<Complaint, 'subjectStaffId' | 'deadlines' | 'review'>,
  action: ComplaintAction,
  actor: Actor,
  role: ActorRole,
  at: { readonly clock?: ComplaintClock | undefined; readonly now: number; readonly reviewerOrgId?: string | null | undefined },
): Refusal | null {
  const recusal = recusalRefusal(complaint, actor);
  if (recusal) return recusal;
  if (action === 'extend') return extensionRefusal(complaint, role, at.clock, at.now);
  if (action === 'request_review') return reviewRequestRefusal(complaint, at.clock, at.now, at.reviewerOrgId);
  return null;
}
