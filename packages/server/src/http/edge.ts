import type { MiddlewareHandler } from 'hono';
import { ensureCommonHeaders, setCommonHeaders } from './common-headers.js';
import type { AppEnv } from './env.js';
import type { Logger } from './logger.js';
import { refuseNulInUrl } from './nul.js';
import { refuseLargeBody } from './read-body.js';
import { assignRequestId, keepRequestId } from './request-id.js';
import { logRequest } from './request-log.js';

/**
 * The first middleware of every request, three in one (each was its own middleware, and every layer
 * of Hono's chain costs an async call and a dispatch per request): the request's id
 * ({@link assignRequestId}), the common headers set before the handler ({@link setCommonHeaders}), and once the request is
 * answered the headers made sure of ({@link ensureCommonHeaders}), its log line ({@link logRequest}:
 * no query, headers, body or personal data) and its id on the answer ({@link keepRequestId}), in
 * the order the three middlewares ran them.
 *
 * @example
 * ```ts
 * app.use(requestEdge(logger));
 * ```
 */
export const requestEdge =
  (logger: Logger): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const id = assignRequestId(c);
    const started = performance.now();
    setCommonHeaders(c);
    await next();
    ensureCommonHeaders(c);
    logRequest(logger, c, started);
    keepRequestId(c, id);
  };

/**
 * The checks of every `/v1` request's URL and size before any route runs, in one middleware: a
 * `Content-Length` over 1 MiB is a 413 ({@link refuseLargeBody}), then `%00` in the path or query
 * a 400 ({@link refuseNulInUrl}: PostgreSQL cannot hold a NUL in text).
 *
 * @example
 * ```ts
 * app.use('/v1/*', v1Checks());
 * ```
 */
export const v1Checks = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  refuseLargeBody(c);
  refuseNulInUrl(c);
  await next();
};
