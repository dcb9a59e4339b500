import type { Observable } from 'rxjs';
import type { HeadersLike, RequestOptions } from '../core/options.js';
import type { PagePromise } from '../core/page-promise.js';
import { ACTION_ENDPOINTS, ENDPOINTS } from '../domain/contract/endpoints.js';
import type { ComplaintAction } from '../domain/lifecycle/states.js';
import type { ActionInput, ActionInputs } from '../domain/schemas/actions.js';
import type { ChangedComplaint, ComplaintChangesQueryInput } from '../domain/schemas/changes.js';
import type { Complaint, ComplaintCreateInput } from '../domain/schemas/complaint.js';
import type { ComplaintListQueryInput } from '../domain/schemas/query.js';
import type { ComplaintChange } from '../domain/schemas/stream.js';
import type { ClientContext } from '../internal/context.js';
import { lazyObservable } from '../internal/lazy-observable.js';
import { listChanges } from '../internal/changes.js';
import { listComplaints } from '../internal/list.js';
import { callJson } from '../internal/request.js';

/**
 * How a change stream connects and reconnects.
 *
 * @example
 * ```ts
 * const o: StreamOptions = { lastEventId: '1200', idleTimeoutMs: 60_000, maxConsecutiveFailures: 10 };
 * ```
 */
export interface StreamOptions {
  /** Resume after this event id (`seq`): the service replays what came after it. */
  lastEventId?: string | undefined;
  /** Reconnect if nothing, not even the 15 s `: ping`, arrives for this long. Default 45000 ms. */
  idleTimeoutMs?: number | undefined;
  /** Timeout for each connection to answer with headers. Default: the client's `timeout`. */
  connectTimeoutMs?: number | false | undefined;
  /** Backoff between reconnects (full jitter). Default 1000 ms doubling to 30000 ms. */
  reconnectDelayMs?: { initial?: number; max?: number } | undefined;
  /** Error with the last failure after this many connections in a row failed. Default: never give up. */
  maxConsecutiveFailures?: number | undefined;
  /** Extra headers on each connection. */
  headers?: HeadersLike | undefined;
  /**
   * Called when the service will not replay what was missed (`event: refetch`: this client was
   * further behind than the service's replay window): reload the complaints you show; the stream
   * goes on live. Without it, `watch()` reloads its complaint by itself.
   */
  onRefetch?: (() => void) | undefined;
}

/**
 * Options of `client.complaints.watch(id)`.
 *
 * @example
 * ```ts
 * const o: WatchOptions = { pollIntervalMs: 30_000, maxStreamFailures: 3, completeOnFinal: true };
 * ```
 */
export interface WatchOptions extends Omit<StreamOptions, 'lastEventId' | 'maxConsecutiveFailures'> {
  /** After this many failed stream connections in a row, poll `GET` instead. Default 5. */
  maxStreamFailures?: number | undefined;
  /** Polling period once the stream has been given up. Default 15000 ms. */
  pollIntervalMs?: number | undefined;
  /** While polling, try the stream again after this long. Default 300000 ms (5 min). */
  streamRetryAfterMs?: number | undefined;
  /** Complete when the complaint reaches a final state (declined, merged, withdrawn). Default true. */
  completeOnFinal?: boolean | undefined;
}

/** @internal `follow_up` → `followUp`. */
type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** @internal an action whose body fields are all optional may be called without a body. */
type ActionArgs<A extends ComplaintAction> = Partial<ActionInput<A>> extends ActionInput<A>
  ? [body?: ActionInput<A>, options?: RequestOptions]
  : [body: ActionInput<A>, options?: RequestOptions];

/**
 * One method per lifecycle action (camelCase), each `POST /v1/complaints/{id}/{action}` with an
 * `Idempotency-Key`, returning the complaint after the action. Each takes its action's body:
 * {@link ActionInputs} lists them with their fields (`accept` takes `AcceptInput`, `followUp` takes
 * `FollowUpInput`, …); a method whose body has only optional fields may be called without one.
 *
 * @example
 * ```ts
 * await client.complaints.transfer(id, { toOrgId: 'BR-44', reason: '属地管理' });
 * await client.complaints.followUp(id, { reached: true, satisfaction: 5 });
 * ```
 */
export type ComplaintActionMethods = {
  /**
   * Takes this lifecycle step: `POST /v1/complaints/{id}/{action}` with the action's body (checked
   * before sending) and a fresh `Idempotency-Key` reused across retries. Resolves to the complaint
   * after the step; a step the state or role does not allow rejects with `InvalidTransitionError` or
   * `ForbiddenError`, listing what is possible now.
   *
   * @example
   * ```ts
   * const c = await client.complaints.accept(id, { note: '身份已核实' });
   * ```
   */
  [A in ComplaintAction as CamelCase<A>]: (id: string, ...args: ActionArgs<A>) => Promise<Complaint>;
};

/**
 * Complaints: register, read, list, every lifecycle transition, and live changes.
 *
 * @example
 * ```ts
 * const c = await client.complaints.create(input);
 * await client.complaints.accept(c.id, { note: '身份已核实' });
 * client.complaints.watch(c.id).subscribe((s) => console.log(s.status));
 * ```
 */
export interface ComplaintsResource extends ComplaintActionMethods {
  /** `POST /v1/complaints`: register a complaint. @example `const c = await client.complaints.create(input, { idempotencyKey: draft.id });` */
  create(body: ComplaintCreateInput, options?: RequestOptions): Promise<Complaint>;
  /** `GET /v1/complaints/{id}`: one complaint with its timeline. @example `const c = await client.complaints.get('CK20260301-000042');` */
  get(id: string, options?: RequestOptions): Promise<Complaint>;
  /** `GET /v1/complaints`: await for the first page, `for await` for every item. @example `for await (const c of client.complaints.list({ overdue: true })) notify(c);` */
  list(query?: ComplaintListQueryInput, options?: RequestOptions): PagePromise<Complaint>;
  /**
   * `GET /v1/complaint-changes`: every complaint changed after `since` (an event sequence number), in
   * the order the changes committed, each with `seq`, the cursor after it. Nothing committed meanwhile
   * is skipped; keep the last item's `seq` and pass it as `since` next time.
   *
   * @example
   * ```ts
   * let since = loadCursor() ?? '0';
   * for await (const { seq, complaint } of client.complaints.changes({ since })) { handle(complaint); since = String(seq); }
   * saveCursor(since);
   * ```
   */
  changes(query?: ComplaintChangesQueryInput, options?: RequestOptions): PagePromise<ChangedComplaint>;
  /**
   * Any lifecycle action by name (what the offline outbox replays).
   *
   * @example
   * ```ts
   * await client.complaints.transition(id, 'request_review', { reason: '对处理结果不满意' });
   * ```
   */
  transition<A extends ComplaintAction>(id: string, action: A, ...args: ActionArgs<A>): Promise<Complaint>;
  /**
   * `GET /v1/events`: every change the caller may see (or one complaint's, with `complaintId`), as a
   * cold Observable: each subscription opens its own connection, resumes after the last event id
   * on a drop, and closes on unsubscribe. Personal data in messages is masked.
   *
   * @example
   * ```ts
   * const sub = client.complaints.stream().subscribe((c) => console.log(c.event.seq, c.event.type, c.complaint.id));
   * ```
   */
  stream(query?: { complaintId?: string | undefined }, options?: StreamOptions): Observable<ComplaintChange>;
  /**
   * A complaint's successive states: the current one first, then one per change, with no state
   * missed across reconnects; polls when the stream keeps failing; completes when the complaint
   * reaches a final state.
   *
   * @example
   * ```ts
   * const sub = client.complaints.watch(id).subscribe((c) => render(c.status, c.deadlines));
   * sub.unsubscribe();
   * ```
   */
  watch(id: string, options?: WatchOptions): Observable<Complaint>;
}

/** @internal `follow_up` → `followUp`. */
const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** @internal Builds the complaints resource from ENDPOINTS and ACTION_ENDPOINTS. */
export function complaintsResource(ctx: ClientContext): ComplaintsResource {
  const transition = (id: string, action: ComplaintAction, body?: unknown, options?: RequestOptions) =>
    callJson(ctx, ACTION_ENDPOINTS[action], { params: { id }, body: body ?? {} }, options);
  const resource = {
    create: (body: ComplaintCreateInput, options?: RequestOptions) => callJson(ctx, ENDPOINTS.createComplaint, { body }, options),
    get: (id: string, options?: RequestOptions) => callJson(ctx, ENDPOINTS.getComplaint, { params: { id } }, options),
    list: (query?: ComplaintListQueryInput, options?: RequestOptions) => listComplaints(ctx, query, options),
    changes: (query?: ComplaintChangesQueryInput, options?: RequestOptions) => listChanges(ctx, query, options),
    transition,
    stream: (query?: { complaintId?: string | undefined }, options?: StreamOptions) =>
      lazyObservable(() => import('../internal/realtime/stream.js').then((m) => m.changeStream(ctx, query ?? {}, options))),
    watch: (id: string, options?: WatchOptions) =>
      lazyObservable(() => import('../internal/realtime/watch.js').then((m) => m.watchComplaint(ctx, id, options))),
  } as Record<string, unknown>;
  for (const action of Object.keys(ACTION_ENDPOINTS) as ComplaintAction[]) {
    resource[camel(action)] = (id: string, body?: unknown, options?: RequestOptions) => transition(id, action, body, options);
  }
  return resource as unknown as ComplaintsResource;
}
