import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/**
 * The Node request under `@hono/node-server`, `undefined` under `app.request()` and other runtimes.
 *
 * @example
 * ```ts
 * const address = incomingOf(c)?.socket.remoteAddress ?? 'unknown';
 * ```
 */
export const incomingOf = (c: Context<AppEnv>): IncomingMessage | undefined => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/** @internal HTTP whitespace at either end of a value, which the Fetch standard's `Headers` strips. */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g;

/**
 * A request header's value exactly as `c.req.header(name)` gives it (the Fetch standard's
 * `Headers.get`: every field of that name in the order sent, each without whitespace at its ends,
 * joined with `", "`, `Cookie` with `"; "`; `undefined` when none was sent), read from Node's raw header list under
 * `@hono/node-server`. `c.req.header` builds a web `Headers` of the whole request on its first call
 * (an undici object, each field validated and copied), which a request on the hot path never needs
 * otherwise. Not Node's `incoming.headers`: it keeps only the *first* `Authorization`,
 * `Content-Type` or `Content-Length` of a request that sends two, where `Headers` joins them (so
 * `Authorization: Bearer a` twice is no bearer token at all, a 401). `name` is lower case.
 *
 * @example
 * ```ts
 * const key = requestHeader(c, 'idempotency-key');
 * ```
 */
export function requestHeader(c: Context<AppEnv>, name: string): string | undefined {
  const incoming = incomingOf(c);
  return incoming === undefined ? c.req.header(name) : incomingHeader(incoming, name);
}

/**
 * {@link requestHeader} read from a Node request itself, for answers given before the app (no
 * context yet): the same value `c.req.header(name)` would give. `name` is lower case.
 *
 * @example
 * ```ts
 * const sent = incomingHeader(req, 'x-request-id');
 * ```
 */
export function incomingHeader(incoming: IncomingMessage, name: string): string | undefined {
  const raw = incoming.rawHeaders;
  // The Fetch standard's Headers joins Cookie fields with "; " (RFC 6265 §5.4), every other with ", ".
  const separator = name === 'cookie' ? '; ' : ', ';
  let value: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i] as string;
    if (key.length !== name.length || key.toLowerCase() !== name) continue;
    const field = (raw[i + 1] as string).replace(EDGE_WHITESPACE, '');
    value = value === undefined ? field : `${value}${separator}${field}`;
  }
  return value;
}
