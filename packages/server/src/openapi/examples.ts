import {
  ACTION_REFERENCE,
  type Actor,
  applyAction,
  type Complaint,
  ComplaintCreate,
  type ComplaintAction,
  ENDPOINT_REFERENCE,
  type Organisation,
  PROBLEMS,
  type ProblemCode,
  registerComplaint,
  TRANSITIONS,
} from '@complaintkit/core/domain';
import { maskComplaint } from '../policy/mask.js';

/** @internal the example actors, one per role, at the example organisation. */
const ORG: Organisation = { id: 'SB-110108', parentId: 'BR-11', kind: 'sub_branch', name: '海淀支行', regionCode: '110108' };
const staff = (id: string, role: 'frontline' | 'handler' | 'manager' | 'leadership' | 'auditor'): Actor => ({ kind: 'staff', id, role, orgId: ORG.id });
const ACTORS: Record<string, Actor> = {
  frontline: staff('u-0058', 'frontline'),
  handler: staff('u-0036', 'handler'),
  manager: staff('u-0035', 'manager'),
  leadership: staff('u-0001', 'leadership'),
  customer: { kind: 'customer', id: 'C-000001' },
  system: { kind: 'system', id: 'sys-import' },
};

/** @internal the walk through the lifecycle whose snapshots the action examples start from. */
const WALK: readonly ComplaintAction[] = ['accept', 'start', 'hold', 'resume', 'escalate', 'extend', 'respond', 'follow_up', 'close', 'request_review', 'respond', 'close', 'reopen'];

const DAY = 86_400_000;
/** @internal every timestamp an example body names, so each step happens after them. */
const latestIn = (body: unknown): number =>
  Math.max(0, ...Object.values(body as Record<string, unknown>).map((v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? Date.parse(v) : 0)));

/** @internal one step of the walk, at a time after the previous step and after what its body names. */
function step(c: Complaint, action: ComplaintAction, at: number, seq: number): Complaint {
  const role = TRANSITIONS[action].roles.find((r) => ACTORS[r]) as string;
  const body = ACTION_REFERENCE[action].example;
  const now = Math.max(at, latestIn(body) + 3_600_000);
  return applyAction(c, action, body, { actor: ACTORS[role] as Actor, now, seq, ...(action === 'request_review' && { reviewerOrgId: ORG.parentId as string }) });
}

/**
 * Response examples made by core's own lifecycle from the contract's request examples: the
 * complaint a registration returns, and the complaint after each action (started from the first
 * state of a walk through the lifecycle that the action may start from).
 *
 * @example
 * ```ts
 * responseExamples().actions.accept.status; // 'accepted'
 * ```
 */
export function responseExamples(): { created: Complaint; actions: Record<ComplaintAction, Complaint>; me: unknown; organisation: Organisation } {
  const t0 = Date.parse('2026-03-02T10:00:00+08:00');
  const input = ComplaintCreate.parse(ENDPOINT_REFERENCE.createComplaint.example?.body);
  const created = registerComplaint(input, { id: 'CK20260302-000042', handlingOrgId: ORG.id, actor: ACTORS.frontline as Actor, now: t0, seq: 1001 });
  const snapshots = [created];
  let last = created;
  for (const a of WALK) {
    last = step(last, a, Date.parse(last.updatedAt) + DAY, last.timeline.length + 1001);
    snapshots.push(last);
  }
  const actions = Object.fromEntries(
    (Object.keys(TRANSITIONS) as ComplaintAction[]).map((a) => {
      const from = snapshots.find((s) => TRANSITIONS[a].from.includes(s.status)) as Complaint;
      return [a, step(from, a, Date.parse(from.updatedAt) + DAY, from.timeline.length + 1001)];
    }),
  ) as Record<ComplaintAction, Complaint>;
  return { created, actions, me: { actor: ACTORS.handler, organisation: ORG }, organisation: ORG };
}

/**
 * An example problem document for a code, as the service sends it.
 *
 * @example
 * ```ts
 * problemExample('not_found', '/v1/complaints/CK20260302-000042').status; // 404
 * ```
 */
export function problemExample(code: ProblemCode, instance: string): Record<string, unknown> {
  const { status, title } = PROBLEMS[code];
  return {
    type: `https://complaintkit.dev/problems/${code.replace(/_/g, '-')}`,
    title,
    status,
    detail: DETAILS[code],
    instance,
    code,
    requestId: '6f1c2b9e-8d7a-4c1e-9a51-3f0e2d4b7c11',
    ...(code === 'validation_failed' && { errors: [{ path: 'description', message: 'Invalid input: expected string, received number' }] }),
    ...((code === 'invalid_transition' || code === 'role_not_allowed') && { allowedActions: ['accept', 'withdraw'] }),
    ...((code === 'rate_limited' || code === 'unavailable') && { retryAfter: 2 }),
  };
}

/** @internal what each problem's `detail` reads like. */
const DETAILS: Record<ProblemCode, string> = {
  validation_failed: 'description: Invalid input: expected string, received number. Fix and send the request again.',
  unauthenticated: 'the bearer token is invalid or expired; get a new one',
  forbidden: 'auditors read complaints and never change them',
  role_not_allowed: 'the frontline role may not decline; allowed: manager',
  not_found: 'complaint CK20260302-000042 does not exist or is not visible to you',
  method_not_allowed: 'DELETE is not supported here; use GET, HEAD',
  unsupported_media_type: 'send the body as JSON with Content-Type: application/json',
  invalid_transition: 'cannot close a complaint that is registered',
  conflict: 'complaint CK20260302-000042 was changed concurrently; retry the request',
  rule_violation: 'receivedAt lies in the future',
  review_unavailable: 'the head office decided this complaint and has no higher-level organisation to review it: the complainant may turn to mediation, arbitration, litigation or the regulator',
  invalid_rows: '2 bad rows in the file: nothing was imported. Fix them and send the file again.',
  idempotency_key_reused: 'this Idempotency-Key was already used for a different request; use a new key for a new request',
  rate_limited: 'too many requests; retry after the Retry-After seconds',
  internal: 'something went wrong on our side; retry later, quoting the request id',
  unavailable: 'the service is busy or shutting down; retry after the Retry-After seconds',
};

/**
 * The example of a list page and of one stream message, from a complaint example.
 *
 * @example
 * ```ts
 * listExample(created).data[0].complainant.name; // '张*'
 * ```
 */
export const listExample = (c: Complaint) => ({ data: [maskComplaint(c)], nextCursor: 'eyJyIjo0MX0' });

/**
 * One change message of the event stream (the `data` of an SSE message), complainant masked.
 *
 * @example
 * ```ts
 * changeExample(accepted).event.type; // 'accept'
 * ```
 */
export const changeExample = (c: Complaint) => ({ event: c.timeline[c.timeline.length - 1], complaint: maskComplaint(c) });

/**
 * The example of one customer's tags: the tag the import example sends, as the service returns it.
 *
 * @example
 * ```ts
 * customerTagsExample().tags[0]?.code; // 'repeat_complainer'
 * ```
 */
export function customerTagsExample(): { customerId: string; tags: unknown[] } {
  const body = ENDPOINT_REFERENCE.importCustomerTags.example?.body as { assignments: { customerId: string }[] } | undefined;
  const sent = body?.assignments[0] ?? { customerId: 'C-000001' };
  const { customerId, ...tag } = sent;
  return { customerId, tags: [tag] };
}
