import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import type { Logger } from './logger.js';
import { safePath } from './safe-path.js';

/**
 * Logs each request as method, path, status, duration (ms) and request id: no query string, no
 * headers, no body, and the path through {@link safePath} (a phone or ID number sent as a path
 * segment is logged masked), so no personal data.
 *
 * @example
 * ```ts
 * app.use(requestLog(logger));
 * ```
 */
export const requestLog =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const started = performance.now();
    await next();
    logger.info({
      msg: 'request',
      method: c.req.method,
      path: safePath(c.req.path),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
      requestId: c.get('requestId'),
    });
  };
