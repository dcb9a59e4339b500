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
