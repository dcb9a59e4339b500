import {
  ACTION_ENDPOINTS,
  type ActionBody,
  actorRole,
  allowedActions,
  applyAction,
  type Complaint,
  type ComplaintAction,
  TRANSITIONS,
  withMergedFrom,
} from '@complaintkit/core/domain';
import { ForbiddenError } from '@complaintkit/core';
import type { Context } from 'hono';
import { type Caller, scopeOf } from '../auth/caller.js';
import type { AppEnv } from '../http/env.js';
import { idempotencyKeyOf, requestHash } from '../http/idempotency.js';
import { HttpProblem, notFound, ruleViolation } from '../http/problem.js';
import { assertDatesInBounds } from '../http/date-bounds.js';
import { complaintLabel } from '../http/safe-path.js';
import { parseOr400, readJsonBody, type StandardSchema } from '../http/validate.js';
import type { ComplaintRecord, WriteTransaction } from '../store/store.js';
import { mayActOn, mayWrite, roleMayTake } from '../policy/access.js';
import { isVisible } from '../policy/visibility.js';
import type { ResolvedDeps } from './deps.js';
import { knownTo } from './known-to.js';
import { replayAsNow, sendResult } from './respond.js';
import { requestHeader } from '../http/request-header.js';

/**
 * The merge target as this caller may see it, or `undefined` when it does not exist or is hidden
 * from them (then {@link checkTargets} refuses, after core's own checks).
 *
 * @example
 * ```ts
 * const target = await mergeTargetFor(tx, caller, { intoComplaintId: 'CK20260301-000001', reason: '重复' });
 * ```
 */
export async function mergeTargetFor(tx: WriteTransaction, caller: Caller, body: ActionBody<'merge'>): Promise<ComplaintRecord | undefined> {
  const target = await tx.getComplaint(body.intoComplaintId);
  return target && isVisible(caller.visibility, target) ? target : undefined;
}

/**
 * The checks that need the database, after core accepted the step: a merge target must exist and be
 * visible (core checked it is another, earlier, open complaint of the same complainant); a transfer's
 * organisation must exist and its assignee work there; a start's assignee must be staff; an
 * escalation's leader (包案) an active leadership-role staff member.
 *
 * @example
 * ```ts
 * await checkTargets(tx, complaint, 'transfer', { toOrgId: 'BR-44', reason: '属地' }, undefined);
 * ```
 */
export async function checkTargets(
  tx: WriteTransaction,
  complaint: Complaint,
  action: ComplaintAction,
  body: unknown,
  mergeTarget: ComplaintRecord | undefined,
): Promise<void> {
  if (action === 'merge' && !mergeTarget) throw ruleViolation('intoComplaintId', 'no such complaint among those you may see');
  if (action === 'transfer') {
    const b = body as ActionBody<'transfer'>;
    const orgId = b.toOrgId ?? complaint.handlingOrgId;
    if (b.toOrgId !== undefined && !(await tx.getOrganisation(b.toOrgId))) throw ruleViolation('toOrgId', 'no such organisation');
    if (b.toAssigneeId !== undefined) {
      const staff = await tx.getStaff(b.toAssigneeId);
      if (!staff || staff.orgId !== orgId) throw ruleViolation('toAssigneeId', 'the assignee must be a staff member of the organisation the complaint is handled by after the transfer');
    }
  }
  if (action === 'start') {
    const b = body as ActionBody<'start'>;
    if (b.assigneeId !== undefined && !(await tx.getStaff(b.assigneeId))) throw ruleViolation('assigneeId', 'no such staff member');
  }
  if (action === 'escalate') {
    // docs/domain/lifecycle.md, 包案: the leader named must hold the leadership role (and still work here).
    const b = body as ActionBody<'escalate'>;
    if (b.leaderId !== undefined) {
      const leader = await tx.getStaff(b.leaderId);
      if (!leader) throw ruleViolation('leaderId', 'no such active staff member: name an active leadership-role staff member');
      if (leader.role !== 'leadership')
        throw ruleViolation('leaderId', `this staff member has the ${leader.role} role: 包案 names a leadership-role staff member`);
    }
  }
}

/**
 * Refuses a step this caller may not take on this complaint, before its body is read: not visible
 * 404; auditors 403 `forbidden`; outside the handling organisation's subtree 403 `forbidden`; a role
 * that may never take the action 403 `role_not_allowed` with the actions it may take now.
 *
 * @example
 * ```ts
 * refuseUnlessMayAct(caller, await store.getComplaint(id), id, 'accept', { now: Date.now() });
 * ```
 */
export function refuseUnlessMayAct(
  caller: Caller,
  record: ComplaintRecord | undefined,
  id: string,
  action: ComplaintAction,
  at: { now: number; clock?: ResolvedDeps['clock'] },
): asserts record is ComplaintRecord {
  if (!record || !isVisible(caller.visibility, record)) throw notFound(complaintLabel(id));
  if (!mayWrite(caller)) throw new HttpProblem(403, 'forbidden', 'auditors read complaints and never change them');
  if (!mayActOn(caller, record, action)) {
    throw new HttpProblem(403, 'forbidden', `complaint ${id} is handled by ${record.complaint.handlingOrgId} now: only staff there (or above) may ${action} it`);
  }
  if (!roleMayTake(caller, action)) {
    const role = actorRole(caller.actor);
    const allowed = allowedActions(record.complaint, caller.actor, { now: at.now, ...(at.clock && { clock: at.clock }) });
    throw new ForbiddenError({
      code: 'role_not_allowed',
      action,
      complaintStatus: record.complaint.status,
      allowedActions: allowed,
      detail: `the ${role} role may not ${action}; allowed: ${TRANSITIONS[action].roles.join(', ')}`,
    });
  }
}

/**
 * `POST /v1/complaints/{id}/{action}`: refuses what the caller may not do before reading the body,
 * then lets core's `applyAction` decide, and stores the new state with its event and idempotency
 * record in one transaction. Not visible: 404; auditor or wrong role: 403; refused by the lifecycle:
 * 409 / 403 / 422 with `allowedActions`.
 *
 * @example
 * ```ts
 * app.post('/v1/complaints/:id/accept', (c) => complaintAction(c, deps, 'accept'));
 * ```
 */
export async function complaintAction(c: Context<AppEnv>, deps: ResolvedDeps, action: ComplaintAction): Promise<Response> {
  const caller = c.get('caller');
  const id = c.req.param('id') ?? '';
  const at = { now: deps.now(), clock: deps.clock };
  const key = idempotencyKeyOf(requestHeader(c, 'idempotency-key'));
  // A keyed step may be a retry of one already taken (an outbox whose answer was lost): the step may
  // have moved the complaint out of the caller's reach (a transfer), so its replay is looked up before
  // the refusal, which runs again inside the transaction for a step not taken yet.
  if (key === undefined) refuseUnlessMayAct(caller, await deps.store.getComplaint(id), id, action, at);
  let raw: unknown;
  let body: unknown;
  try {
    raw = await readJsonBody(c);
    body = parseOr400(ACTION_ENDPOINTS[action].body as StandardSchema<unknown>, raw);
    assertDatesInBounds(ACTION_ENDPOINTS[action].body, body, deps.dateBounds, at.now);
  } catch (e) {
    // A keyed step's refusal waits for its replay lookup, but a body refused here was never a step
    // taken: the refusal runs first, so a caller who may not see the complaint gets the same 404 (or
    // 403) whatever the body, and learns nothing from its validity. Only a refused body pays the read.
    if (key !== undefined) refuseUnlessMayAct(caller, await deps.store.getComplaint(id), id, action, at);
    throw e;
  }
  const idem =
    key === undefined
      ? undefined
      : {
          scope: scopeOf(caller),
          key,
          requestHash: requestHash('POST', c.req.path, raw),
          // Kept on the step's event: a retry after the 24 h record answers with the complaint as it is now.
          step: replayAsNow(caller, 200),
        };

  const result = await deps.store.mutate(idem, async (tx) => {
    const record = await tx.getComplaint(id);
    const now = deps.now();
    // Checked again inside the transaction: the complaint may have moved since.
    refuseUnlessMayAct(caller, record, id, action, { now, clock: deps.clock });
    const seq = await tx.nextEventSeq();
    // 核查: the parent of the deciding organisation reviews; the head office has none (null: refused).
    const decidingOrg = action === 'request_review' ? await tx.getOrganisation(record.complaint.handlingOrgId) : undefined;
    const mergeTarget = action === 'merge' ? await mergeTargetFor(tx, caller, body as ActionBody<'merge'>) : undefined;
    const next = applyAction(record.complaint, action, body, {
      actor: caller.actor,
      now,
      seq,
      ...(deps.clock && { clock: deps.clock }),
      ...(decidingOrg && { reviewerOrgId: decidingOrg.parentId }),
      ...(mergeTarget && { mergeTarget: mergeTarget.complaint }),
    });
    await checkTargets(tx, record.complaint, action, body, mergeTarget);
    await tx.updateComplaint(next, record.complaint.version);
    // The target lists what was merged into it (docs/domain/lifecycle.md), in the same transaction.
    if (mergeTarget) await tx.updateComplaint(withMergedFrom(mergeTarget.complaint, next.id, now), mergeTarget.complaint.version, { event: false });
    return { status: 200, body: next };
  }, knownTo(caller));
  return sendResult(c, result);
}
