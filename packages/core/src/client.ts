import ky from 'ky';
import type { Observable } from 'rxjs';
import type * as z from 'zod/mini';
import type { Endpoint } from './domain/contract/endpoints.js';
import { createTokenSource } from './internal/token-source.js';
import type { ClientContext } from './internal/context.js';
import { lazyObservable, listenerObservable } from './internal/lazy-observable.js';
import { callJson } from './internal/request.js';
import type { ClientOptions, RequestOptions } from './core/options.js';
import type { Reminders, RemindersOptions } from './resources/reminders.js';
import { type ComplaintsResource, complaintsResource } from './resources/complaints.js';
import { type ClassificationResource, classificationResource } from './resources/classification.js';
import { type IdentityResource, identityResource } from './resources/identity.js';
import { type AlertsResource, alertsResource } from './resources/alerts.js';
import { type HistoryResource, historyResource, type ReportsResource, reportsResource } from './resources/reports.js';
import { type TagsResource, tagsResource } from './resources/tags.js';
import { DEFAULT_RETRY_POLICY } from './internal/retry/backoff.js';
import { sleep } from './internal/retry/sleep.js';
import { createEmitter } from './internal/telemetry/emitter.js';
import type { ClientEvent } from './core/events.js';

/**
 * The path parameters, query and body of a call to any endpoint, typed from its schemas.
 *
 * @example
 * ```ts
 * const input: EndpointInput<typeof ENDPOINTS.getComplaint> = { params: { id: 'CK20260301-000042' } };
 * ```
 */
export interface EndpointInput<E extends Endpoint> {
  params?: Record<string, string>;
  query?: E['query'] extends z.core.SomeType ? z.input<E['query']> : never;
  body?: E['body'] extends z.core.SomeType ? z.input<E['body']> : never;
}

/**
 * A ComplaintKit client. Every method validates its input with the shared zod schemas before
 * sending, and its answer after.
 *
 * @example
 * ```ts
 * const client: ComplaintClient = createComplaintClient({ baseUrl, token });
 * const page = await client.complaints.list({ status: ['accepted'] });
 * ```
 */
export interface ComplaintClient {
  readonly complaints: ComplaintsResource;
  readonly identity: IdentityResource;
  /** Suggested codes and sensitive-case flags for a complaint being registered. */
  readonly classification: ClassificationResource;
  /** Reports, trends, heat map and regulator statistics (managers, leadership, auditors). */
  readonly reports: ReportsResource;
  /** Early-warning rules and alerts, and an Observable of alerts as they open and resolve. */
  readonly alerts: AlertsResource;
  /** History import from an old system. */
  readonly history: HistoryResource;
  /** Complaint-derived customer tags: read one customer's, import a tagging run's. */
  readonly tags: TagsResource;
  /**
   * Every request, response, retry, error and warning of this client, without personal data.
   * Hot: subscribe before the calls you want to see.
   *
   * @example
   * ```ts
   * client.events$.subscribe((e) => { if (e.type === 'retry') console.info('retrying', e.path, e.errorCode, e.delayMs); });
   * ```
   */
  readonly events$: Observable<ClientEvent>;
  /**
   * For a staff member: the complaints assigned to them that are due soon or overdue, updated when
   * the event stream reports a change and on an interval as a fallback.
   *
   * @example
   * ```ts
   * client.reminders({ intervalMs: 60_000 }).subscribe(({ dueSoon, overdue }) => badge.set(dueSoon.length + overdue.length));
   * ```
   */
  reminders(options?: RemindersOptions): Observable<Reminders>;
  /**
   * Calls any JSON endpoint of the contract, typed from its schemas (what the resources use).
   *
   * @example
   * ```ts
   * const me = await client.request(ENDPOINTS.me);
   * ```
   */
  request<E extends Endpoint>(endpoint: E, input?: EndpointInput<E>, options?: RequestOptions): Promise<z.output<E['response']>>;
}

/**
 * Creates a ComplaintKit client on ky: typed resources for every endpoint, validation with the
 * shared zod schemas, retries with backoff and idempotency keys, token refresh, typed errors,
 * events, pagination, and live updates (loaded on first use).
 *
 * @example
 * ```ts
 * import { createComplaintClient } from '@complaintkit/core';
 *
 * const client = createComplaintClient({ baseUrl: 'https://complaints.example-bank.cn', token: () => auth.getToken() });
 * const complaint = await client.complaints.create({
 *   intakeChannel: 'mobile_app', businessChannel: 'A010303', businessCategory: 'B0302', cause: 'C11',
 *   complainant: { name: '张三', phone: '13812345678' }, description: '信用卡年费未经告知被扣收',
 * });
 * console.log(complaint.id, complaint.deadlines.decisionDueAt);
 * ```
 */
export function createComplaintClient(options: ClientOptions): ComplaintClient {
  if (typeof options?.baseUrl !== 'string' || !/^https?:\/\//.test(options.baseUrl)) {
    throw new TypeError('createComplaintClient needs { baseUrl } as an absolute http(s) URL, e.g. "https://complaints.example-bank.cn".');
  }
  const userFetch = options.fetch;
  const emitter = createEmitter(options);
  const ctx: ClientContext = {
    ky: ky.create({
      prefixUrl: options.baseUrl,
      // Looked up per call, so a fetch patched later (msw, polyfills) is used.
      fetch: (input, init) => (userFetch ?? globalThis.fetch)(input, init),
      hooks: options.hooks,
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
    }),
    tokens: createTokenSource(options.token),
    emitter,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries },
    timeout: options.timeout ?? 30_000,
    validation: options.validation ?? 'strict',
    headers: options.headers,
    sleep: options.sleep ?? sleep,
    random: options.random ?? Math.random,
  };
  return {
    complaints: complaintsResource(ctx),
    identity: identityResource(ctx),
    classification: classificationResource(ctx),
    reports: reportsResource(ctx),
    alerts: alertsResource(ctx),
    history: historyResource(ctx),
    tags: tagsResource(ctx),
    events$: listenerObservable<ClientEvent>((listener) => emitter.listen(listener)),
    reminders: (opts) => lazyObservable(() => import('./internal/realtime/reminders.js').then((m) => m.remindersOf(ctx, opts))),
    request: (endpoint, input = {}, opts) => {
      if (endpoint.stream) return Promise.reject(new TypeError(`${endpoint.operationId} is a stream: use client.complaints.stream().`));
      return callJson(ctx, endpoint, input, opts);
    },
  };
}
