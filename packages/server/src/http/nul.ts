import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { loneSurrogatePath, nulPath } from '../nul-path.js';
import { badRequest } from './problem.js';

/**
 * @internal Why a NUL is refused everywhere: PostgreSQL cannot store or compare text holding U+0000,
 * so a path, query value or JSON string carrying one would fail deep inside a statement (a 500 on
 * PostgreSQL, a stored control character on SQLite). It is never part of real input; refusing it at
 * the edge answers the same 400 on both databases.
 */
const WHAT = 'contains the NUL character (U+0000), which no field accepts: remove it';

/**
 * Refuses a `/v1` request whose path or query holds `%00` with a 400 problem (thrown), before any
 * route reads it.
 *
 * @example
 * ```ts
 * refuseNulInUrl(c); // throws the 400 for /v1/complaints?q=%00
 * ```
 */
export function refuseNulInUrl(c: Context<AppEnv>): void {
  const url = c.req.url;
  const at = url.indexOf('%00');
  if (at !== -1) {
    const query = url.indexOf('?');
    throw badRequest([{ path: query !== -1 && at > query ? 'query' : 'path', message: `the URL ${WHAT}` }]);
  }
}

/**
 * Refuses a parsed JSON body holding a NUL in any key or string with a 400 naming where.
 *
 * @example
 * ```ts
 * refuseNul(text, JSON.parse(text));
 * ```
 */
export function refuseNul(text: string, value: unknown): void {
  if (!text.includes('\\u0000')) return;
  const where = nulPath(value);
  if (where !== undefined) throw badRequest([{ path: where, message: `the text ${WHAT}` }]);
}

/** @internal a JSON escape of a UTF-16 surrogate (`\uD800`-`\uDFFF`): the only way a body can carry a lone one. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F]/;

/**
 * Refuses a parsed JSON body holding a lone UTF-16 surrogate (`"\uD800"` with no partner) in any
 * key or string with a 400 naming where: it is not Unicode text, and each CSV export, CRM file and
 * UTF-8 log would turn it into U+FFFD. Bodies without a surrogate escape are never walked (raw
 * UTF-8 cannot encode a lone surrogate; emoji sent as escaped pairs pass).
 *
 * @example
 * ```ts
 * refuseLoneSurrogate(text, JSON.parse(text));
 * ```
 */
export function refuseLoneSurrogate(text: string, value: unknown): void {
  if (!SURROGATE_ESCAPE.test(text)) return;
  const where = loneSurrogatePath(value);
  if (where !== undefined) {
    throw badRequest([{ path: where, message: 'the text holds a lone UTF-16 surrogate (half of an emoji or a broken escape), which is not Unicode text: send the whole character' }]);
  }
}
