import type { Observable } from 'rxjs';
import type * as z from 'zod/mini';
import { ACTION_ENDPOINTS, ENDPOINTS } from '../../domain/contract/endpoints.js';
import type { ComplaintAction } from '../../domain/lifecycle/states.js';
import type { ClientContext } from '../internal/context.js';
import { lazyObservable } from '../internal/lazy-observable.js';
import { type ListItem, type ListQueryInput, listComplaints } from '../internal/list.js';
import { callJson } from '../internal/request.js';
import type { RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination/page-promise.js';
import type { StreamOptions } from '../realtime/stream.js';
import type { WatchOptions } from '../realtime/watch.js';

type Ep = typeof ENDPOINTS;
type Actions = typeof ACTION_ENDPOINTS;

/** The body of `complaints.create`, inferred from the shared schema. @example `const b: ComplaintCreateParams = { intakeChannel: 'hotline', … };` */
export type ComplaintCreateParams = z.input<Ep['createComplaint']['body']>;
/** The filters of `complaints.list`. @example `const q: ComplaintListParams = { status: ['accepted'], overdue: true };` */
export type ComplaintListParams = ListQueryInput;
/** A complaint as the service returns it. @example `const c: ComplaintResponse = await client.complaints.get(id);` */
export type ComplaintResponse = z.output<Ep['getComplaint']['response']>;
/** One item of `complaints.list`. @example `for await (const c of client.complaints.list()) c satisfies ComplaintListItem;` */
export type ComplaintListItem = ListItem;
/** One message of `complaints.stream()`. @example `client.complaints.stream().subscribe((c: ComplaintChangeMessage) => c.event.type);` */
export type ComplaintChangeMessage = z.output<Ep['streamEvents']['response']>;
/** The body of one lifecycle action, as sent. @example `const b: ActionParams<'transfer'> = { toOrgId: 'BR-44', reason: '属地管理' };` */
export type ActionParams<A extends ComplaintAction> = z.input<Actions[A]['body']>;
/** What a lifecycle action returns: the complaint after it. @example `const c: ActionResult<'accept'> = await client.complaints.accept(id);` */
export type ActionResult<A extends ComplaintAction> = z.output<Actions[A]['response']>;

/** `follow_up` → `followUp`. @example `const m: CamelCase<'request_review'> = 'requestReview';` */
export type CamelCase<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<CamelCase<T>>}` : S;

/** @internal an action whose body fields are all optional may be called without a body. */
type ActionArgs<A extends ComplaintAction> = Partial<ActionParams<A>> extends ActionParams<A>
  ? [body?: ActionParams<A>, options?: RequestOptions]
  : [body: ActionParams<A>, options?: RequestOptions];

/**
 * One method per lifecycle action (camelCase), each `POST /v1/complaints/{id}/{action}` with an
 * `Idempotency-Key`, returning the complaint after the action.
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
  [A in ComplaintAction as CamelCase<A>]: (id: string, ...args: ActionArgs<A>) => Promise<ActionResult<A>>;
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
  create(body: ComplaintCreateParams, options?: RequestOptions): Promise<ComplaintResponse>;
  /** `GET /v1/complaints/{id}`: one complaint with its timeline. @example `const c = await client.complaints.get('CK20260301-000042');` */
  get(id: string, options?: RequestOptions): Promise<ComplaintResponse>;
  /** `GET /v1/complaints`: await for the first page, `for await` for every item. @example `for await (const c of client.complaints.list({ overdue: true })) notify(c);` */
  list(query?: ComplaintListParams, options?: RequestOptions): PagePromise<ComplaintListItem>;
  /**
   * Any lifecycle action by name (what the offline outbox replays).
   *
   * @example
   * ```ts
   * await client.complaints.transition(id, 'request_review', { reason: '对处理结果不满意' });
   * ```
   */
  transition<A extends ComplaintAction>(id: string, action: A, ...args: ActionArgs<A>): Promise<ActionResult<A>>;
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
  stream(query?: { complaintId?: string | undefined }, options?: StreamOptions): Observable<ComplaintChangeMessage>;
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
  watch(id: string, options?: WatchOptions): Observable<ComplaintResponse>;
}

/** @internal `follow_up` → `followUp`. */
const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

/** @internal Builds the complaints resource from ENDPOINTS and ACTION_ENDPOINTS. */
export function complaintsResource(ctx: ClientContext): ComplaintsResource {
  const transition = (id: string, action: ComplaintAction, body?: unknown, options?: RequestOptions) =>
    callJson(ctx, ACTION_ENDPOINTS[action], { params: { id }, body: body ?? {} }, options);
  const resource = {
    create: (body: ComplaintCreateParams, options?: RequestOptions) => callJson(ctx, ENDPOINTS.createComplaint, { body }, options),
    get: (id: string, options?: RequestOptions) => callJson(ctx, ENDPOINTS.getComplaint, { params: { id } }, options),
    list: (query?: ComplaintListParams, options?: RequestOptions) => listComplaints(ctx, query, options),
    transition,
    stream: (query?: { complaintId?: string | undefined }, options?: StreamOptions) =>
      lazyObservable(() => import('../realtime/stream.js').then((m) => m.changeStream(ctx, query ?? {}, options))),
    watch: (id: string, options?: WatchOptions) =>
      lazyObservable(() => import('../realtime/watch.js').then((m) => m.watchComplaint(ctx, id, options))),
  } as Record<string, unknown>;
  for (const action of Object.keys(ACTION_ENDPOINTS) as ComplaintAction[]) {
    resource[camel(action)] = (id: string, body?: unknown, options?: RequestOptions) => transition(id, action, body, options);
  }
  return resource as unknown as ComplaintsResource;
}
