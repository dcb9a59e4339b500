import * as z from 'zod/mini';
import { ACTION_BODIES } from '../schemas/actions.js';
import { Organisation } from '../schemas/actor.js';
import { Complaint, ComplaintCreate } from '../schemas/complaint.js';
import { ChangedComplaint, ComplaintChangesQuery } from '../schemas/changes.js';
import { CustomerTagImport, CustomerTagImportResult, CustomerTags } from '../schemas/customer-tags.js';
import { ComplaintListQuery, pageOf } from '../schemas/query.js';
import { ComplaintChange, Me } from '../schemas/stream.js';
import { ClassificationSuggestions, SuggestClassification } from '../schemas/suggestion.js';
import { COMPLAINT_ACTIONS, type ComplaintAction } from '../lifecycle/states.js';

/**
 * One operation of the complaint service's HTTP API: the single source from which the server's
 * routes, the client's resources and the OpenAPI document are all built.
 *
 * @example
 * ```ts
 * const op: Endpoint = ENDPOINTS.getComplaint;
 * op.method; // 'GET'
 * ```
 */
export interface Endpoint {
  readonly operationId: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** OpenAPI-style path template, `{id}` for a parameter. */
  readonly path: string;
  readonly summary: string;
  readonly tag: 'complaints' | 'events' | 'identity' | 'classification' | 'reports' | 'alerts' | 'history' | 'tags';
  // Typed as $ZodType (every schema here is one), not SomeType: z.safeParse and z.toJSONSchema accept
  // only $ZodType, so a loop over ENDPOINTS (the OpenAPI document, the client) needed casts before.
  readonly query?: z.core.$ZodType;
  readonly body?: z.core.$ZodType;
  /** The success body; for the event stream, the `data` of one message. */
  readonly response: z.core.$ZodType;
  readonly successStatus: 200 | 201;
  /** Takes an `Idempotency-Key` header; a repeat returns the first result. */
  readonly idempotent: boolean;
  /** `text/event-stream` instead of JSON. */
  readonly stream?: boolean;
  /** Also answers `text/csv` (with `format=csv`). */
  readonly csv?: boolean;
}

/** @internal */
const op = <const E extends Endpoint>(e: E) => e;

/**
 * The URL segment of an action (`follow_up` → `follow-up`).
 *
 * @example
 * ```ts
 * actionSegment('request_review'); // 'request-review'
 * ```
 */
export const actionSegment = (action: ComplaintAction): string => action.replace(/_/g, '-');

/** @internal one endpoint per lifecycle action. */
const actionEndpoints = Object.fromEntries(
  COMPLAINT_ACTIONS.map((action) => [
    action,
    op({
      operationId: `complaints.${action}`,
      method: 'POST',
      path: `/v1/complaints/{id}/${actionSegment(action)}`,
      summary: `Lifecycle action: ${action.replace(/_/g, ' ')}`,
      tag: 'complaints',
      body: ACTION_BODIES[action],
      response: Complaint,
      successStatus: 200,
      idempotent: true,
    }),
  ]),
) as unknown as {
  readonly [A in ComplaintAction]: Endpoint & { body: (typeof ACTION_BODIES)[A]; response: typeof Complaint };
};

/**
 * Every operation of the complaint service.
 *
 * @example
 * ```ts
 * for (const e of Object.values(ENDPOINTS)) console.log(e.method, e.path);
 * ```
 */
export const ENDPOINTS = {
  createComplaint: op({
    operationId: 'complaints.create',
    method: 'POST',
    path: '/v1/complaints',
    summary: 'Register a complaint (the caller becomes its first responder)',
    tag: 'complaints',
    body: ComplaintCreate,
    response: Complaint,
    successStatus: 201,
    idempotent: true,
  }),
  listComplaints: op({
    operationId: 'complaints.list',
    method: 'GET',
    path: '/v1/complaints',
    summary: 'List the complaints the caller may see, newest first, with cursor pagination',
    tag: 'complaints',
    query: ComplaintListQuery,
    response: pageOf(Complaint),
    successStatus: 200,
    idempotent: false,
  }),
  getComplaint: op({
    operationId: 'complaints.get',
    method: 'GET',
    path: '/v1/complaints/{id}',
    summary: 'Get one complaint with its timeline',
    tag: 'complaints',
    response: Complaint,
    successStatus: 200,
    idempotent: false,
  }),
  complaintChanges: op({
    operationId: 'complaints.changes',
    method: 'GET',
    path: '/v1/complaint-changes',
    summary: 'The complaints changed after a cursor (an event sequence number), in commit order',
    tag: 'complaints',
    query: ComplaintChangesQuery,
    response: pageOf(ChangedComplaint),
    successStatus: 200,
    idempotent: false,
  }),
  streamEvents: op({
    operationId: 'events.stream',
    method: 'GET',
    path: '/v1/events',
    summary: 'Server-Sent Events of complaint changes the caller may see; resume with Last-Event-ID',
    tag: 'events',
    query: z.object({ complaintId: z.optional(z.string()) }),
    response: ComplaintChange,
    successStatus: 200,
    idempotent: false,
    stream: true,
  }),
  me: op({
    operationId: 'identity.me',
    method: 'GET',
    path: '/v1/me',
    summary: 'Who the bearer token belongs to',
    tag: 'identity',
    response: Me,
    successStatus: 200,
    idempotent: false,
  }),
  organisations: op({
    operationId: 'identity.organisations',
    method: 'GET',
    path: '/v1/organisations',
    summary: "The organisations in the caller's subtree",
    tag: 'identity',
    response: z.object({ data: z.array(Organisation) }),
    successStatus: 200,
    idempotent: false,
  }),
  suggestClassification: op({
    operationId: 'classification.suggest',
    method: 'POST',
    path: '/v1/classification/suggestions',
    summary: 'Suggest codes, flag sensitive cases; stores and applies nothing',
    tag: 'classification',
    body: SuggestClassification,
    response: ClassificationSuggestions,
    successStatus: 200,
    idempotent: false,
  }),
  importCustomerTags: op({
    operationId: 'tags.import',
    method: 'POST',
    path: '/v1/customer-tags',
    summary: "Store a batch of a tagging run's assignments (complaint-derived customer tags)",
    tag: 'tags',
    body: CustomerTagImport,
    response: CustomerTagImportResult,
    successStatus: 200,
    idempotent: false,
  }),
  customerTags: op({
    operationId: 'tags.customer',
    method: 'GET',
    path: '/v1/customers/{customerId}/tags',
    summary: "One retail customer's complaint-derived tags with their evidence",
    tag: 'tags',
    response: CustomerTags,
    successStatus: 200,
    idempotent: false,
  }),
} as const;

/**
 * The lifecycle-action endpoints, keyed by action.
 *
 * @example
 * ```ts
 * ACTION_ENDPOINTS.follow_up.path; // '/v1/complaints/{id}/follow-up'
 * ```
 */
export const ACTION_ENDPOINTS = actionEndpoints;
