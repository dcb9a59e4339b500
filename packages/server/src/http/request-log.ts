import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import type { Logger } from './logger.js';
import { safePath } from './safe-path.js';

/**
 * Logs a request once answered, as method, path, status, duration (ms since `started`, a
 * `performance.now()` taken when it arrived) and request id: no query string, no headers, no body,
 * and the path through {@link safePath} (a phone or ID number sent as a path segment is logged
 * masked), so no personal data.
 *
 * @example
 * ```ts
 * const started = performance.now();
 * await next();
 * logRequest(logger, c, started);
 * ```
 */
export function logRequest(logger: Logger, c: Context<AppEnv>, started: number): void {
  logger.info({
    msg: 'request',
    method: c.req.method,
    path: safePath(c.req.path),
    status: c.res.status,
    ms: Math.round(performance.now() - started),
    requestId: c.get('requestId'),
  });
}

/**
 * Logs an answer given before the app (a request Node's parser or the adapter refused, `OPTIONS *`)
 * as {@link logRequest} logs the app's: method and path when the request got that far (the path
 * through {@link safePath}, without the query), status, duration and request id, never headers or body.
 *
 * @example
 * ```ts
 * logEdgeAnswer(logger, { method: 'GET', target: '/v1/me\\x', status: 400, started, requestId });
 * ```
 */
export function logEdgeAnswer(
  logger: Logger,
  a: { method?: string | undefined; target?: string | undefined; status: number; started?: number | undefined; requestId: string },
): void {
  const q = a.target?.indexOf('?') ?? -1;
  logger.info({
    msg: 'request',
    method: a.method,
    path: a.target === undefined ? undefined : safePath(q === -1 ? a.target : a.target.slice(0, q)),
    status: a.status,
    ms: a.started === undefined ? undefined : Math.round(performance.now() - a.started),
    requestId: a.requestId,
  });
}
