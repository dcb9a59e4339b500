import type { MiddlewareHandler } from 'hono';
import { scopeOf } from '../auth/caller.js';
import type { AppEnv } from './env.js';
import type { Limits } from './limits.js';
import { HttpProblem } from './problem.js';

/**
 * One token-bucket budget: `burst` requests at once, refilled at `perSecond`.
 *
 * @example
 * ```ts
 * const budget: Budget = { perSecond: 50, burst: 200 };
 * ```
 */
export interface Budget {
  readonly perSecond: number;
  readonly burst: number;
}

/** @internal how many callers a bucket set keeps before it forgets the full ones. */
const PRUNE_AT = 10_000;

/**
 * Token buckets, one per key (a caller), all with the same budget. Time is the process's monotonic
 * clock, never the service's injectable `now`, so a test clock or a clock change cannot empty or
 * refill a bucket.
 *
 * @example
 * ```ts
 * const buckets = new TokenBuckets({ perSecond: 20, burst: 60 });
 * const wait = buckets.take('staff:u-1'); // 0: go ahead; else seconds until one request is allowed
 * ```
 */
export class TokenBuckets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly budget: Budget,
    readonly clock: () => number = () => performance.now(),
  ) {}

  /**
   * Takes one token from `key`'s bucket: `0` when there was one, else the seconds (at least 1, whole)
   * until there will be.
   *
   * @example
   * ```ts
   * if (buckets.take(key) > 0) refuse();
   * ```
   */
  take(key: string): number {
    const now = this.clock();
    const { perSecond, burst } = this.budget;
    const known = this.#buckets.get(key);
    const tokens = known ? Math.min(burst, known.tokens + ((now - known.at) / 1000) * perSecond) : burst;
    if (tokens >= 1) {
      if (!known && this.#buckets.size >= PRUNE_AT) this.#prune(now);
      this.#buckets.set(key, { tokens: tokens - 1, at: now });
      return 0;
    }
    this.#buckets.set(key, { tokens, at: now });
    return Math.max(1, Math.ceil((1 - tokens) / perSecond));
  }

  /** @internal forgets the buckets that have refilled (a new bucket starts full anyway). */
  #prune(now: number): void {
    const { perSecond, burst } = this.budget;
    for (const [key, b] of this.#buckets) if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.#buckets.delete(key);
  }

  /**
   * How many callers have a bucket that is not full.
   *
   * @example
   * ```ts
   * buckets.size; // 0
   * ```
   */
  get size(): number {
    return this.#buckets.size;
  }
}

/**
 * Per-caller rate limits, after authentication: each caller (token subject, as acted) has a read
 * budget (`GET`) and a separate write budget (`POST`, `limits.reads` / `limits.writes`); a request
 * over its budget is a `429 rate_limited` problem with `Retry-After` (seconds), and nothing of it
 * runs. Per process: N instances behind a load balancer allow up to N times the budget.
 *
 * @example
 * ```ts
 * app.get('/v1/me', authenticate(store, secret), rateLimit(DEFAULT_LIMITS), handler);
 * ```
 */
export function rateLimit(limits: Pick<Limits, 'reads' | 'writes'>): MiddlewareHandler<AppEnv> {
  const reads = new TokenBuckets(limits.reads);
  const writes = new TokenBuckets(limits.writes);
  return async (c, next) => {
    const write = c.req.method !== 'GET' && c.req.method !== 'HEAD';
    const wait = (write ? writes : reads).take(scopeOf(c.get('caller')));
    if (wait > 0) {
      const { perSecond, burst } = write ? limits.writes : limits.reads;
      throw new HttpProblem(
        429,
        'rate_limited',
        `too many ${write ? 'changes' : 'reads'}: ${burst} at once and ${perSecond} a second are allowed per caller; retry after ${wait} s`,
        { retryAfter: wait },
      );
    }
    await next();
  };
}
