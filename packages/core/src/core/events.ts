/**
 * The kinds of client event: one `request` per attempt, then `response` (success), `retry`
 * (a retry is scheduled) or `error` (the call failed for good); `warning` for a response that failed
 * validation in `'warn'` mode.
 *
 * @example
 * ```ts
 * const t: ClientEventType = 'retry';
 * ```
 */
export type ClientEventType = 'request' | 'response' | 'retry' | 'error' | 'warning';

/**
 * One observable step of a call. It carries no personal data by construction: no bodies, no query
 * strings (free-text search could hold a name), no tokens; only the method, the path template, the
 * path with its ids, status, timings, attempt, request id, idempotency key and error code.
 *
 * @example
 * ```ts
 * client.events$.subscribe((e: ClientEvent) => metrics.timing(`ck.${e.operationId}`, e.durationMs ?? 0));
 * ```
 */
export interface ClientEvent {
  type: ClientEventType;
  /** The endpoint's operation id, e.g. `complaints.get`. */
  operationId: string;
  method: string;
  /** The path template, e.g. `/v1/complaints/{id}`. */
  route: string;
  /** The path with its ids filled in (complaint numbers are not personal data), without the query. */
  path: string;
  /** 1 for the first attempt. */
  attempt: number;
  requestId: string;
  idempotencyKey?: string | undefined;
  status?: number | undefined;
  /** Milliseconds since this attempt (request, response) or the whole call (error) started. */
  durationMs?: number | undefined;
  /** For `retry`: the wait before the next attempt, in milliseconds. */
  delayMs?: number | undefined;
  /** For `retry`, `error` and `warning`: the error's code (e.g. `rate_limited`). */
  errorCode?: string | undefined;
  /** For `retry` and `error`: the error's class name. */
  errorName?: string | undefined;
  /** Epoch milliseconds when the event happened. */
  at: number;
}

/**
 * Log levels, from quietest to loudest.
 *
 * @example
 * ```ts
 * const level: LogLevel = 'debug';
 * ```
 */
export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

/**
 * Where log lines go; `console` fits. Each line gets the event as its second argument.
 *
 * @example
 * ```ts
 * const logger: Logger = { warn: (msg, e) => pino.warn(e, msg), error: (msg, e) => pino.error(e, msg) };
 * ```
 */
export interface Logger {
  debug?(message: string, event: ClientEvent): void;
  info?(message: string, event: ClientEvent): void;
  warn?(message: string, event: ClientEvent): void;
  error?(message: string, event: ClientEvent): void;
}
