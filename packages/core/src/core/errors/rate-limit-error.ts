import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * HTTP 429 `rate_limited`: too many requests. `retryAfter` is the wait the service asked for, in
 * seconds (from `Retry-After`), when it said. The client already retried within `maxRetries`.
 *
 * @example
 * ```ts
 * if (e instanceof RateLimitError) setTimeout(again, (e.retryAfter ?? 5) * 1000);
 * ```
 */
export class RateLimitError extends ComplaintKitError {
  override readonly name = 'RateLimitError';
  /** Seconds to wait before the next request, as the service asked. */
  readonly retryAfter: number | undefined;
  constructor(init: ErrorInit & { retryAfter?: number | undefined }) {
    super(
      init, 'rate_limited',
      'Rate limited by the service',
      `Wait ${init.retryAfter === undefined ? 'a little' : `${init.retryAfter} s`} before sending again, and send less often.`,
      true,
    );
    this.retryAfter = init.retryAfter;
  }
}
