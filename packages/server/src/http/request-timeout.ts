import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { HttpProblem } from './problem.js';

/**
 * Answers a request still unanswered after `ms` with `503 unavailable` and `Retry-After: 1` (a
 * problem document), so a client is never left waiting on a stuck database. The event stream
 * (`GET /v1/events`, long-lived by design) is exempt. A write that times out may still commit
 * afterwards: send it again with the same `Idempotency-Key` and the service answers its first result.
 *
 * @example
 * ```ts
 * app.use(requestTimeout(30_000));
 * ```
 */
export const requestTimeout =
  (ms: number): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (c.req.path === '/v1/events') return next();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new HttpProblem(503, 'unavailable', `no answer within ${ms} ms; send the request again (with the same Idempotency-Key for a change)`, { retryAfter: 1 })),
        ms,
      );
    });
    try {
      await Promise.race([next(), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };
