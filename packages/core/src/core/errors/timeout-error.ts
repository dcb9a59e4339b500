import type { ErrorInit } from './complaint-kit-error.js';
import { NetworkError } from './network-error.js';

/**
 * An attempt took longer than `timeout` (per attempt), or the service answered 408: a kind of
 * {@link NetworkError}. Retried automatically; thrown once retries are spent. Safe to send again with
 * the same idempotency key.
 *
 * @example
 * ```ts
 * if (e instanceof TimeoutError) showRetryButton();
 * ```
 */
export class TimeoutError extends NetworkError {
  override readonly name = 'TimeoutError';
  constructor(init: ErrorInit & { timeoutMs?: number | undefined }) {
    super(init, {
      code: 'timeout',
      what: `The request timed out${init.timeoutMs === undefined ? '' : ` after ${init.timeoutMs} ms`}`,
      next: 'Check the connection and send again (the same idempotency key makes that safe), or raise `timeout`.',
    });
  }
}
