import type { Context } from 'hono';
import type { AppEnv } from './env.js';
import { sendProblem } from './errors.js';
import { HttpProblem } from './problem.js';

/**
 * An `Allow` header's value for these methods: each once, sorted, HEAD with GET.
 *
 * @example
 * ```ts
 * allowOf(['POST', 'GET', 'GET']); // 'GET, HEAD, POST'
 * ```
 */
export const allowOf = (methods: readonly string[]): string =>
  [...new Set(methods.flatMap((m) => (m === 'GET' ? ['GET', 'HEAD'] : [m])))].sort().join(', ');

/**
 * The handler for a known path called with a method it does not take: `405 method_not_allowed` with
 * `Allow` listing the methods it does take (HEAD comes with GET).
 *
 * @example
 * ```ts
 * app.all('/v1/complaints', methodNotAllowed(['GET', 'POST']));
 * ```
 */
export const methodNotAllowed = (methods: readonly string[]) => {
  const allow = allowOf(methods);
  return (c: Context<AppEnv>): Response => {
    const res = sendProblem(c, new HttpProblem(405, 'method_not_allowed', `${c.req.method} is not supported here; use ${allow}`));
    res.headers.set('allow', allow);
    return res;
  };
};
