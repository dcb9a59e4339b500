import * as z from 'zod/mini';
import {
  type Actor,
  type ClockOptions,
  type Complaint,
  type ComplaintAction,
  ComplaintCreate,
  type HistoryRecord,
  hasVisibleText,
  IMPORTED_PLACEHOLDER,
  type LifecycleStep,
  applySteps,
  registerComplaint,
} from '@complaintkit/core/domain';

/** @internal one lifecycle step of a history record, with the column it comes from. */
interface Step {
  readonly at: string;
  readonly field: keyof HistoryRecord;
  readonly action: ComplaintAction;
  readonly role: 'frontline' | 'handler' | 'manager' | 'leadership';
  readonly body: Record<string, unknown>;
}

/** @internal placeholder text for the name and the required free-text fields an old system did not keep (masking keeps it whole). */
const IMPORTED = IMPORTED_PLACEHOLDER;

/**
 * @internal what a refused registration of a record says: a schema issue names its column (the
 * record's fields share the registration's names) with zod's message, not the issue list as JSON;
 * anything else (a receipt in the future) is the receipt's.
 */
function registrationError(e: unknown): ReplayError {
  const issue = e instanceof z.core.$ZodError ? e.issues[0] : undefined;
  if (issue) {
    const [first, second] = issue.path;
    const field = first === 'complainant' && second === 'customerId' ? 'customerId' : first;
    const named = field === 'description' || field === 'regulatorReference' || field === 'regionCode' || field === 'customerId';
    return { field: named ? field : 'receivedAt', message: issue.message };
  }
  return { field: 'receivedAt', message: e instanceof Error ? e.message : String(e) };
}

/**
 * A failed replay: the column whose step the lifecycle refused, and why.
 *
 * @example
 * ```ts
 * const e: ReplayError = { field: 'extendedAt', message: 'an extension can only be granted while …' };
 * ```
 */
export interface ReplayError {
  readonly field: string;
  readonly message: string;
}

/** @internal the steps of a record in time order (ties in lifecycle order). */
function stepsOf(r: HistoryRecord): Step[] {
  const steps: Step[] = [];
  const add = (at: string | undefined, field: keyof HistoryRecord, action: ComplaintAction, role: Step['role'], body: Record<string, unknown> = {}) => {
    if (at !== undefined) steps.push({ at, field, action, role, body });
  };
  if (r.declinedAt !== undefined) {
    add(r.declinedAt, 'declinedAt', 'decline', 'manager', { reason: IMPORTED });
    return steps;
  }
  add(r.receivedAt, 'receivedAt', 'accept', 'handler');
  add(r.receivedAt, 'receivedAt', 'start', 'handler');
  add(r.extendedAt, 'extendedAt', 'extend', 'manager', { reason: IMPORTED, complainantNotifiedAt: r.extendedAt });
  add(r.extendedAgainAt, 'extendedAgainAt', 'extend', 'leadership', { reason: IMPORTED, complainantNotifiedAt: r.extendedAgainAt, approvedBy: 'import:leadership' });
  // Each body as its schema outputs it (`complainantNotified` is the hold body's default): the replay
  // takes them as parsed (test/reporting/history-replay.test.ts checks each against its schema).
  add(r.holdFrom, 'holdFrom', 'hold', 'handler', { reason: IMPORTED, complainantNotified: true });
  add(r.holdTo, 'holdTo', 'resume', 'handler');
  const respond = { outcome: r.outcome ?? 'not_upheld', basis: IMPORTED, remediesOffered: ['review'], notifiedVia: 'phone' };
  add(r.decidedAt, 'decidedAt', 'respond', 'handler', { ...respond, notifiedAt: r.decidedAt });
  add(r.followUpAt, 'followUpAt', 'follow_up', 'frontline', {
    reached: r.reached ?? r.satisfaction !== undefined,
    ...(r.satisfaction !== undefined && { satisfaction: r.satisfaction }),
    ...(r.decisionAccepted !== undefined && { decisionAccepted: r.decisionAccepted }),
  });
  add(r.reviewRequestedAt, 'reviewRequestedAt', 'request_review', 'frontline', { reason: IMPORTED });
  add(r.reviewDecidedAt, 'reviewDecidedAt', 'respond', 'handler', { ...respond, notifiedAt: r.reviewDecidedAt });
  add(r.closedAt, 'closedAt', 'close', 'manager');
  add(r.withdrawnAt, 'withdrawnAt', 'withdraw', 'frontline', { reason: IMPORTED, receivedAt: r.withdrawnAt });
  // Array.prototype.sort is stable: ties keep lifecycle order.
  return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * The actions whose bodies {@link replayHistory} builds exactly as their schemas output them (from
 * constants and the row's validated times and outcome), and takes without parsing them again: every
 * action of a history but `follow_up`, whose schema also checks that a reached follow-up has a score
 * (a row may say `reached` without `satisfaction`, which the lifecycle refuses).
 *
 * @example
 * ```ts
 * TRUSTED_BODIES.includes('respond'); // true
 * ```
 */
export const TRUSTED_BODIES: readonly ComplaintAction[] = ['decline', 'accept', 'start', 'extend', 'hold', 'resume', 'respond', 'request_review', 'close', 'withdraw'];

/**
 * A history record registered, with the lifecycle steps its columns stand for (in time order, each
 * with the column it comes from): what {@link replayHistory} applies with `applySteps`, and what a
 * test applies with `applyAction` one step at a time to prove the two equal. `settle: false`:
 * registration leaves its deadline snapshot to the steps (see core's `RegisterContext.settle`).
 *
 * @example
 * ```ts
 * const s = historyStart(record, { id: 'CK20240301-000001', firstSeq: 1, reviewerOrgId: 'BR-44' });
 * if ('steps' in s) s.steps.map((x) => x.action); // ['accept', 'start', 'respond', …]
 * ```
 */
export function historyStart(
  r: HistoryRecord,
  ctx: { id: string; firstSeq: number; reviewerOrgId?: string | undefined; clock?: Omit<ClockOptions, 'now'> | undefined },
  options: { settle?: boolean } = {},
): { complaint: Complaint; steps: (LifecycleStep & { readonly field: keyof HistoryRecord })[] } | { error: ReplayError } {
  const actor = (role: Step['role']): Actor => ({ kind: 'staff', id: `import:${role}`, role, orgId: r.orgId });
  let seq = ctx.firstSeq;
  const received = Date.parse(r.receivedAt);
  let c: Complaint;
  try {
    // An old system's cell that shows nothing (empty, spaces, or a spreadsheet's stray U+200B or BOM)
    // is text it did not keep: the placeholder for the description, left out for the reference.
    const shows = (text: string | undefined): text is string => text !== undefined && hasVisibleText(text);
    const input = ComplaintCreate.parse({
      intakeChannel: r.intakeChannel,
      ...(shows(r.regulatorReference) && { regulatorReference: r.regulatorReference }),
      businessChannel: r.businessChannel,
      businessCategory: r.businessCategory,
      cause: r.cause,
      description: shows(r.description) ? r.description : IMPORTED,
      severity: r.severity ?? 'normal',
      regionCode: r.regionCode ?? null,
      complainant: { name: IMPORTED, ...(r.customerId !== undefined && { customerId: r.customerId }) },
      handlingOrgId: r.orgId,
      receivedAt: r.receivedAt,
    });
    // `settle: false` (a replay): registration's deadline snapshot is left for the last step to compute; every record has one.
    c = registerComplaint(input, { id: ctx.id, handlingOrgId: r.orgId, actor: actor('frontline'), now: received, seq: seq++, settle: options.settle ?? true });
  } catch (e) {
    return { error: registrationError(e) };
  }
  const steps = stepsOf(r).map((s) => ({
    field: s.field,
    action: s.action,
    input: s.body,
    ctx: {
      actor: actor(s.role),
      now: Date.parse(s.at),
      seq: seq++,
      ...(ctx.clock && { clock: ctx.clock }),
      ...(ctx.reviewerOrgId && { reviewerOrgId: ctx.reviewerOrgId }),
    },
  }));
  return { complaint: c, steps };
}

/**
 * Replays a historical complaint through the lifecycle, with its own times, as staff of its
 * organisation (`import:<role>` ids) would have entered it live: the same timeline, clock and
 * metrics. Returns the complaint, or the column whose step the lifecycle refuses. The steps go
 * through core's `applySteps`, trusted (bodies built from the validated row, not parsed again; the
 * deadline snapshot computed once, after the last step): the same complaint and refusals as
 * `applyAction` step by step (test/reporting/history-replay.test.ts).
 *
 * @example
 * ```ts
 * const r = replayHistory(record, { id: 'CK20240301-000001', firstSeq: 101, reviewerOrgId: 'BR-44', clock: {} });
 * if ('complaint' in r) store(r.complaint);
 * ```
 */
export function replayHistory(
  r: HistoryRecord,
  ctx: { id: string; firstSeq: number; reviewerOrgId?: string | undefined; clock?: Omit<ClockOptions, 'now'> | undefined },
): { complaint: Complaint } | { error: ReplayError } {
  // Trusted: the step bodies are built above from the validated row (constants and its validated
  // times and outcome), so they are not parsed again (but `follow_up`'s), and registration leaves the
  // deadline snapshot to the last step. The same complaint, byte for byte, and the same refusals as
  // `applyAction` step by step (test/reporting/history-replay.test.ts).
  const start = historyStart(r, ctx, { settle: false });
  if ('error' in start) return start;
  if (start.steps.length === 0) return historyStart(r, ctx) as { complaint: Complaint };
  const out = applySteps(start.complaint, start.steps, { trusted: TRUSTED_BODIES });
  if ('complaint' in out) return out;
  const e = out.error;
  return { error: { field: (start.steps[out.index] as (typeof start.steps)[number]).field, message: e instanceof Error ? e.message : String(e) } };
}
