/**
 * The public surface of the ComplaintKit client. Everything under `internal/` is private and may
 * change between releases.
 *
 * @example
 * ```ts
 * import { createComplaintClient, InvalidTransitionError } from '@complaintkit/core';
 * ```
 *
 * @packageDocumentation
 */
export type { TokenProvider } from './auth/token.js';
export { type ComplaintClient, createComplaintClient, type EndpointInput } from './create-client.js';
export * from './errors/index.js';
export type { HeadersLike } from './internal/headers.js';
export type { ClientOptions, RequestOptions, ValidationMode } from './options.js';
export { Page } from './pagination/page.js';
export { PagePromise } from './pagination/page-promise.js';
export type { Reminders, RemindersOptions } from './realtime/reminders.js';
export { readSse, SseParser, type SseMessage } from './realtime/sse-parser.js';
export type { StreamOptions } from './realtime/stream.js';
export type { WatchOptions } from './realtime/watch.js';
export type {
  ActionParams,
  ActionResult,
  CamelCase,
  ComplaintActionMethods,
  ComplaintChangeMessage,
  ComplaintCreateParams,
  ComplaintListItem,
  ComplaintListParams,
  ComplaintResponse,
  ComplaintsResource,
} from './resources/complaints.js';
export type { IdentityResource, MeResponse, OrganisationsResponse } from './resources/identity.js';
export { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy, retryAfterMs, retryDelay } from './retry/backoff.js';
export { shouldRetry } from './retry/should-retry.js';
export { sleep } from './retry/sleep.js';
export type { ClientEvent, ClientEventType, Logger, LogLevel } from './telemetry/events.js';
