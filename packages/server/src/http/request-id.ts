import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { incomingHeader, requestHeader } from './request-header.js';

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
 * The id of a Node request answered before the app (no context yet), read as {@link assignRequestId}
 * reads it: the client's `X-Request-Id` when it is a plain token, else a new UUID.
 *
 * @example
 * ```ts
 * const id = requestIdOfIncoming(req);
 * ```
 */
export const requestIdOfIncoming = (incoming: IncomingMessage): string => requestIdOf(incomingHeader(incoming, 'x-request-id'));

/**
 * Gives a request its id, before the handler runs: the client's `X-Request-Id` when it is a plain
 * token, else a new UUID. It is set as the `requestId` variable (put in every problem document and log
 * line) and as the `X-Request-Id` response header; {@link keepRequestId} makes sure the answer carries it.
 *
 * @example
 * ```ts
 * const id = assignRequestId(c);
 * await next();
 * keepRequestId(c, id);
 * ```
 */
export function assignRequestId(c: Context<AppEnv>): string {
  const id = requestIdOf(requestHeader(c, 'x-request-id'));
  c.set('requestId', id);
  c.header('X-Request-Id', id);
  return id;
}

/**
 * After the handler: puts the request's id on an answer built without the context (a handler's own
 * `new Response`). A response built by the context already has it; setting it again after the
 * handler made Hono copy the response on every request.
 *
 * @example
 * ```ts
 * keepRequestId(c, id);
 * ```
 */
export function keepRequestId(c: Context<AppEnv>, id: string): void {
  if (!c.res.headers.has('x-request-id')) c.res.headers.set('X-Request-Id', id);
}
