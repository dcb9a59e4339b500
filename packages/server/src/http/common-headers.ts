import type { Context } from 'hono';
import type { AppEnv } from './env.js';

/**
 * The headers every response carries: what `hono/secure-headers` sets by default (with
 * `Cross-Origin-Resource-Policy: cross-origin` so pages on other origins may read the API, and no
 * `Cross-Origin-Embedder-Policy`), and the CORS headers of a simple request from any origin
 * (`test/common-headers.test.ts` checks the list against secure-headers' own).
 *
 * @example
 * ```ts
 * new Headers(COMMON_HEADERS).get('x-content-type-options'); // 'nosniff'
 * ```
 */
export const COMMON_HEADERS: readonly (readonly [string, string])[] = [
  ['Cross-Origin-Resource-Policy', 'cross-origin'],
  ['Cross-Origin-Opener-Policy', 'same-origin'],
  ['Origin-Agent-Cluster', '?1'],
  ['Referrer-Policy', 'no-referrer'],
  ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-DNS-Prefetch-Control', 'off'],
  ['X-Download-Options', 'noopen'],
  ['X-Frame-Options', 'SAMEORIGIN'],
  ['X-Permitted-Cross-Domain-Policies', 'none'],
  ['X-XSS-Protection', '0'],
  ['Access-Control-Allow-Origin', '*'],
  ['Access-Control-Expose-Headers', 'X-Request-Id,Idempotent-Replayed,Retry-After'],
];

/**
 * Puts {@link COMMON_HEADERS} on the answer *before* the handler runs, so the response the handler
 * builds carries them from the start: `secureHeaders` and `cors` set them on `c.res` (cors before,
 * secure-headers after the handler), which made Hono build a full web Response and copy it on every
 * request. {@link ensureCommonHeaders} puts them after on a response built without the context.
 *
 * @example
 * ```ts
 * setCommonHeaders(c);
 * await next();
 * ensureCommonHeaders(c);
 * ```
 */
export function setCommonHeaders(c: Context<AppEnv>): void {
  for (const [name, value] of COMMON_HEADERS) c.header(name, value);
}

/**
 * After the handler: puts {@link COMMON_HEADERS} on a response built without the context (a
 * handler's own `new Response`), as before; one built by the context already has them.
 *
 * @example
 * ```ts
 * ensureCommonHeaders(c);
 * ```
 */
export function ensureCommonHeaders(c: Context<AppEnv>): void {
  const headers = c.res.headers;
  if (!headers.has('x-content-type-options')) for (const [name, value] of COMMON_HEADERS) headers.set(name, value);
}
