/**
 * The limits that keep one noisy client from taking the service down for everyone. Every one is
 * configurable (`startServer({ limits })`); they are per process: with N instances behind a load
 * balancer a caller gets up to N times the rate budget (see docs/guides/deploying.md).
 *
 * @example
 * ```ts
 * const limits: Limits = { ...DEFAULT_LIMITS, streamsPerCaller: 2 };
 * ```
 */
export interface Limits {
  /** A resumed event stream replays at most this many events; further behind, it is told to refetch. */
  readonly replayMaxEvents: number;
  /** Open event streams per caller (token subject); one more is a 429. */
  readonly streamsPerCaller: number;
  /** Open event streams in this process; one more is a 503. */
  readonly streamsTotal: number;
  /** Token bucket for GET requests per caller: `burst` at once, refilled at `perSecond`; over it, 429 with `Retry-After`. */
  readonly reads: { readonly perSecond: number; readonly burst: number };
  /** Token bucket for POST requests per caller, apart from the reads. */
  readonly writes: { readonly perSecond: number; readonly burst: number };
  /**
   * Token bucket per remote address for requests without a valid token (missing, bad, expired, or
   * naming staff not on record): each one refused takes a token; over it, 429 with `Retry-After`
   * instead of 401. Behind a load balancer the address is the balancer's (see docs/guides/deploying.md).
   */
  readonly unauthenticated: { readonly perSecond: number; readonly burst: number };
  /**
   * A request (other than the event stream) still unanswered after this long gets a 503 with
   * `Retry-After`; one that has not fully arrived by then a 408; a shutdown waits this long at most
   * for running requests.
   */
  readonly requestTimeoutMs: number;
}

/**
 * The defaults: generous for people and apps, tight enough to stop a loop.
 *
 * @example
 * ```ts
 * DEFAULT_LIMITS.replayMaxEvents; // 10000
 * ```
 */
export const DEFAULT_LIMITS: Limits = {
  replayMaxEvents: 10_000,
  streamsPerCaller: 5,
  streamsTotal: 2_000,
  reads: { perSecond: 50, burst: 200 },
  writes: { perSecond: 20, burst: 60 },
  unauthenticated: { perSecond: 10, burst: 100 },
  requestTimeoutMs: 30_000,
};

/**
 * The limits with defaults for what is not given.
 *
 * @example
 * ```ts
 * resolveLimits({ streamsPerCaller: 2 }).streamsTotal; // 2000
 * ```
 */
export const resolveLimits = (given: Partial<Limits> = {}): Limits => ({ ...DEFAULT_LIMITS, ...given });
