import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './env.js';
import { sendProblem } from './errors.js';
import { HttpProblem } from './problem.js';

/**
 * Counts the requests being handled, so a shutdown can finish them (a write half-done when the
 * database closes would be lost to the client) before it closes the database.
 *
 * @example
 * ```ts
 * const inFlight = new InFlight();
 * app.use(inFlight.middleware(closing));
 * await inFlight.drained(30_000);
 * ```
 */
export class InFlight {
  #count = 0;
  readonly #idle = new Set<() => void>();

  /**
   * How many requests are being handled now.
   *
   * @example
   * ```ts
   * inFlight.count; // 0
   * ```
   */
  get count(): number {
    return this.#count;
  }

  /**
   * The middleware: counts each request while its handler runs. Once `closing` has fired, a new
   * request (one that came on a connection kept alive) is refused with `503 unavailable`,
   * `Retry-After: 1` and `Connection: close`, so the client retries on another instance; the health
   * endpoints still answer (`/readyz` says it is shutting down).
   *
   * @example
   * ```ts
   * app.use(inFlight.middleware(closingSignal));
   * ```
   */
  middleware(closing: AbortSignal): MiddlewareHandler<AppEnv> {
    return async (c, next) => {
      if (closing.aborted && c.req.path !== '/healthz' && c.req.path !== '/readyz') {
        const res = sendProblem(c, new HttpProblem(503, 'unavailable', 'this instance is shutting down; send the request again (to another instance)', { retryAfter: 1 }));
        res.headers.set('connection', 'close');
        c.res = res;
        return;
      }
      this.#count++;
      try {
        await next();
      } finally {
        if (--this.#count === 0) for (const wake of [...this.#idle]) wake();
      }
    };
  }

  /**
   * Resolves `true` once no request is being handled, `false` when `timeoutMs` passed first.
   *
   * @example
   * ```ts
   * if (!(await inFlight.drained(30_000))) logger.error({ msg: 'requests still running at shutdown' });
   * ```
   */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.#count === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolve) => {
      const done = (value: boolean) => {
        clearTimeout(timer);
        this.#idle.delete(wake);
        resolve(value);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#idle.add(wake);
    });
  }
}
