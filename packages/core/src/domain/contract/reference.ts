import type { ActionInput } from '../schemas/actions.js';
import type { ProblemCode } from '../schemas/problem.js';
import type { ComplaintAction } from '../lifecycle/states.js';
import { TRANSITIONS } from '../lifecycle/transitions.js';
import { ACTION_ENDPOINTS, ENDPOINTS, type Endpoint } from './endpoints.js';
import { REPORTING_ENDPOINTS } from './reporting-endpoints.js';
import { REPORTING_REFERENCE } from './reporting-reference.js';

// The reference half of the contract: what each operation does, the problems it can answer with and
// an example request, keyed like ENDPOINTS (and by action) so that every operation must have one.
// It sits beside ENDPOINTS rather than inside it so the client, which is built from ENDPOINTS, does
// not ship this text to phones; the OpenAPI document joins the two.

/**
 * The problems every operation can answer with: no or a bad token, too many requests (with
 * `Retry-After`), overload or shutdown (with `Retry-After`), and a fault of the service.
 *
 * @example
 * ```ts
 * COMMON_PROBLEMS.includes('rate_limited'); // true
 * ```
 */
export const COMMON_PROBLEMS = ['unauthenticated', 'rate_limited', 'unavailable', 'internal'] as const satisfies readonly ProblemCode[];

/**
 * The reference of one operation: the text of the API reference and the OpenAPI document.
 *
 * @example
 * ```ts
 * const r: EndpointReference = { description: 'Who the bearer token belongs to.', problems: [] };
 * ```
 */
export interface EndpointReference {
  /** What the operation does and who may call it (OpenAPI `description`). */
  readonly description: string;
  /** The problems it can answer with besides {@link COMMON_PROBLEMS}: its error responses, no more. */
  readonly problems: readonly ProblemCode[];
  /** An example request: its body, or for a GET its query. */
  readonly example?: { readonly body?: unknown; readonly query?: Readonly<Record<string, string>> };
}

/**
 * What each lifecycle action does, in a sentence, and an example body (docs/domain/lifecycle.md has
 * the rules); the action operations' reference adds the states and roles from `TRANSITIONS`.
 *
 * @example
 * ```ts
 * ACTION_REFERENCE.hold.example; // { reason: '等待司法鉴定结论', complainantNotified: true }
 * ```
 */
export const ACTION_REFERENCE: { readonly [A in ComplaintAction]: { readonly description: string; readonly example: ActionInput<A> } } = {
  accept: { description: 'Accept a registered complaint for handling (受理); the decision clock keeps running from receipt.', example: { note: '身份已核实' } },
  decline: { description: 'Decline a registration that is not a complaint (不予办理), with the reason the complainant is told.', example: { reason: '属于咨询，非投诉' } },
  merge: { description: 'Merge a duplicate into another complaint the caller may see; this one ends as merged.', example: { intoComplaintId: 'CK20260301-000042', reason: '同一客户同一事项' } },
  transfer: { description: 'Hand the complaint to another organisation or person (转办); the first responder keeps sight of it.', example: { toOrgId: 'BR-44', reason: '属地管理' } },
  start: { description: 'Start handling, naming the assignee (default: the caller); the staff member complained about may not be it.', example: { note: '开始调查' } },
  escalate: { description: 'Escalate a complex, sensitive or major complaint, optionally to a leader who takes it personally (包案).', example: { severity: 'complex', reason: '涉及多个部门' } },
  hold: { description: 'Suspend the clock while an outside fact is awaited (中止), telling the complainant.', example: { reason: '等待司法鉴定结论', complainantNotified: true } },
  resume: { description: 'Resume handling after a hold; the clock runs again from where it stopped.', example: { note: '鉴定结论已到' } },
  extend: { description: 'Extend the decision deadline (Measures art. 17): a manager grants the first extension, only leadership a second, before the deadline passes.', example: { reason: '案情复杂', complainantNotifiedAt: '2026-03-05T09:30:00+08:00' } },
  respond: { description: 'Send the decision: outcome, basis, any remedy, the remedies offered if the complainant disagrees, and how they were told.', example: { outcome: 'partly_upheld', basis: '《信用卡章程》第十条', remedy: '退还年费', amount: 200, remediesOffered: ['review', 'mediation'], notifiedVia: 'phone', notifiedAt: '2026-03-10T15:00:00+08:00' } },
  follow_up: { description: 'Record the follow-up call (回访): reached or not, and if reached the satisfaction score.', example: { reached: true, satisfaction: 4, decisionAccepted: true } },
  close: { description: 'Close a complaint that has been responded to (办结).', example: { note: '客户已确认' } },
  request_review: { description: 'Ask for a review (核查) of the decision, within its window; the parent of the deciding organisation reviews it.', example: { reason: '对处理结果不满意' } },
  new_facts: { description: 'Record new material that arrived during handling: the decision period restarts from the day it arrived.', example: { reason: '客户补充了交易流水', newFactsReceivedAt: '2026-03-08T10:00:00+08:00' } },
  reopen: { description: 'Reopen a closed complaint, for example when new facts arrive.', example: { reason: '收到新的证据', newFactsReceivedAt: '2026-03-20T10:00:00+08:00' } },
  withdraw: { description: 'Record that the complainant withdrew the complaint.', example: { reason: '客户主动撤回' } },
};

/**
 * The reference of each operation of `ENDPOINTS`, by the same keys.
 *
 * @example
 * ```ts
 * ENDPOINT_REFERENCE.getComplaint.problems; // ['not_found']
 * ```
 */
export const ENDPOINT_REFERENCE: { readonly [K in keyof typeof ENDPOINTS]: EndpointReference } = {
  createComplaint: {
    description:
      'Registers a complaint; the caller becomes its first responder (首问负责) and the decision clock starts at receipt. Staff register for their own organisation or one below it; a customer registers their own complaint, through a self-service channel (mobile_app, online_banking, wechat, website), received now and of normal severity (any other channel, `regulatorReference`, `receivedAt` and `severity` are recorded by the bank: a 400 names each), and it goes to the branch of its region. Frontline, handler, customer and system callers may register.',
    problems: ['validation_failed', 'forbidden', 'role_not_allowed', 'rule_violation', 'idempotency_key_reused'],
    example: {
      body: {
        intakeChannel: 'outlet',
        businessChannel: 'A0101',
        businessCategory: 'B0302',
        cause: 'C11',
        complainant: { name: '张三', phone: '13812345678', customerId: 'C-000001' },
        description: '信用卡年费未经告知被扣收',
        requestedResolution: '退还年费',
        regionCode: '110108',
      },
    },
  },
  listComplaints: {
    description:
      'The complaints the caller may see, newest first, with the complainant masked. Every filter narrows within that; follow `nextCursor` with `cursor` until it is null (do not send a null one back as an empty `cursor`: absent or empty, `cursor` means the first page; any other value the service did not give is a 400). `assigneeId=me` means the caller. An `orgId` that does not exist or lies outside a staff caller’s subtree is 404, as for reports. A customer reads their own complaints without staff ids or internal notes, as in `GET /v1/complaints/{id}`, and may not filter by `severity` or `assigneeId` (400).',
    problems: ['validation_failed', 'not_found'],
    example: { query: { status: 'in_progress', overdue: 'true', limit: '20' } },
  },
  getComplaint: {
    description:
      'One complaint with its whole timeline. Unmasked for staff who may handle it and for the customer who owns it, masked for auditors; a complaint the caller may not see is 404, as if it did not exist. The customer reads it without what is the bank’s own: no staff ids, no internal notes (the fields documented as absent when the reader is the customer, the timeline’s staff by organisation only; docs/domain/personal-data.md).',
    problems: ['not_found'],
  },
  complaintChanges: {
    description:
      'The complaints changed after `since` (an event sequence number: the `seq` of timeline events and the SSE `id`), one item per complaint, ordered by the sequence number of its latest change, with the complainant masked as in lists. It reads only up to the sequence number below which no writer can still commit, so reading on from the last `seq` seen never skips a change committed meanwhile; a complaint changed again later comes again. Follow `nextCursor` as `since` until it is null, then keep the `seq` of the last item for the next read. `since` absent, empty or `0` reads from the beginning. Staff read the complaints of their subtree (as in lists), the system every complaint; customers may not (403).',
    problems: ['validation_failed', 'forbidden'],
    example: { query: { since: '264847', limit: '100' } },
  },
  streamEvents: {
    description:
      'A Server-Sent Events stream of the changes to complaints the caller may see (optionally one complaint), complainant masked: `id` is the event sequence number, `event: change`, `data` a ComplaintChange; a `: ping` comment every 15 s. Send `Last-Event-ID` to replay what was missed. A customer reads each event and complaint without staff ids or internal notes, as in `GET /v1/complaints/{id}`.',
    problems: ['validation_failed'],
    example: { query: { complaintId: 'CK20260301-000042' } },
  },
  me: { description: 'The actor behind the bearer token and, for staff, their organisation.', problems: [] },
  organisations: {
    description: "Staff get their organisation's subtree, parents first; the system gets the whole tree; a customer none.",
    problems: [],
  },
  suggestClassification: {
    description:
      "The top three business categories (B) and causes (C) for a complaint's words, each with a score and the words behind it, from a model trained on the bank's own complaints; and, for staff only, the sensitive-case flags (media, lawsuit, regulator hotline, petition, repeated escalation, distress) with the phrases found as evidence. Stores and applies nothing: fast enough to call, debounced, as the person types. Send what was shown as `suggestion` when registering. Every signed-in caller may ask.",
    problems: ['validation_failed'],
    example: { body: { description: '信用卡年费未经告知就被扣了，已经多次投诉，再不处理我就打12378', requestedResolution: '要求退还年费' } },
  },
  importCustomerTags: {
    description:
      "Stores a batch (at most 1,000) of a tagging run's assignments (`complaintkit-tags` output, docs/domain/tags.md): each replaces the stored tag of the same customer and code, and `deleted` removes tags by customer and code. Only the bank's back end (a system token) and head-office managers may import; everyone else gets 403.",
    problems: ['validation_failed', 'forbidden'],
    example: {
      body: {
        assignments: [
          {
            customerId: 'C-000001',
            code: 'repeat_complainer',
            status: 'active',
            validFrom: '2026-10-02T01:00:00.000Z',
            validUntil: '2026-12-31T01:00:00.000Z',
            evidence: ['CK20260901-000001', 'CK20260915-000007', 'CK20261002-000003'],
            version: 'repeat_complainer@1',
            lastEvaluatedAt: '2026-11-29T00:00:00.000Z',
          },
        ],
        deleted: [{ customerId: 'C-000002', code: 'churn_risk:medium' }],
      },
    },
  },
  customerTags: {
    description:
      "One retail customer's complaint-derived tags (active and exited) with their validity, rule version and evidence, for staff to see beside a complaint (`complainant.customerId`). Staff see a customer's tags only when one of the customer's complaints is visible to them (handled in their subtree or first responded there), and the evidence only as far as those complaints; otherwise 404, as if there were none. The system sees all. Customers never see tags (403).",
    problems: ['forbidden', 'not_found'],
  },
};

/** @internal the problems of every action operation. */
const ACTION_PROBLEMS: readonly ProblemCode[] = ['validation_failed', 'forbidden', 'role_not_allowed', 'not_found', 'invalid_transition', 'conflict', 'rule_violation', 'idempotency_key_reused'];

/** @internal the reference of every operation, by operationId. */
let byOperation: Map<string, EndpointReference> | undefined;

/**
 * The reference of an operation of the contract; throws for an operation that has none (add it to
 * {@link ENDPOINT_REFERENCE}).
 *
 * @example
 * ```ts
 * referenceOf(ENDPOINTS.me).description; // 'The actor behind the bearer token …'
 * ```
 */
export function referenceOf(endpoint: Endpoint): EndpointReference {
  byOperation ??= new Map<string, EndpointReference>([
    ...(Object.keys(ENDPOINT_REFERENCE) as (keyof typeof ENDPOINTS)[]).map((k) => [ENDPOINTS[k].operationId, ENDPOINT_REFERENCE[k]] as const),
    ...(Object.keys(REPORTING_REFERENCE) as (keyof typeof REPORTING_ENDPOINTS)[]).map((k) => [REPORTING_ENDPOINTS[k].operationId, REPORTING_REFERENCE[k]] as const),
    ...(Object.keys(ACTION_REFERENCE) as ComplaintAction[]).map(
      (a) =>
        [
          ACTION_ENDPOINTS[a].operationId,
          {
            description: `${ACTION_REFERENCE[a].description} From: ${TRANSITIONS[a].from.join(', ')}. Roles: ${TRANSITIONS[a].roles.join(', ')}.`,
            // Only a review request can meet a decision that cannot be reviewed (docs/domain/lifecycle.md).
            problems: a === 'request_review' ? [...ACTION_PROBLEMS, 'review_unavailable' as const] : ACTION_PROBLEMS,
            example: { body: ACTION_REFERENCE[a].example },
          },
        ] as const,
    ),
  ]);
  const found = byOperation.get(endpoint.operationId);
  if (!found) throw new Error(`operation ${endpoint.operationId} has no reference: add it to ENDPOINT_REFERENCE`);
  return found;
}
