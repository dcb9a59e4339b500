import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';

/** @internal a client-sent id is echoed only when it looks like an id (no header injection, no personal data). */
const SAFE_ID = /^[\w.:-]{1,128}$/;

/**
 * The id of a request that sent `sent` as its `X-Request-Id`: that, when it is a plain token (no
 * header injection, no personal data), else a new UUID.
 *
 * @example
 * ```ts
 * requestIdOf('req-123'); // 'req-123'
 * ```
 */
export const requestIdOf = (sent: string | undefined): string => (sent && SAFE_ID.test(sent) ? sent : crypto.randomUUID());

/**
 * Gives every request an id: the client's `X-Request-Id` when it is a plain token, else a new UUID.
 * It is echoed in the `X-Request-Id` response header and put in every problem document and log line.
 *
 * @example
 * ```ts
 * app.use(requestId());
 * ```
 */
export const requestId = (): MiddlewareHandler<AppEnv> => async (c, next) => {
  const id = requestIdOf(c.req.header('x-request-id'));
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  await next();
  // A response built by the context already has it; setting it again after the handler made Hono copy
  // the response on every request.
  if (!c.res.headers.has('x-request-id')) c.res.headers.set('X-Request-Id', id);
};
