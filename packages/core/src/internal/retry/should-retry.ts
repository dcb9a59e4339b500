import { ComplaintKitError } from '../../core/errors/complaint-kit-error.js';
import { isRetryable } from '../retryable.js';

/**
 * Whether a failed attempt is retried: the error must be retryable (network, timeout, 408, 429,
 * 5xx), retries must be left, and the request must be safe to repeat: a GET, or a mutation that
 * carries an `Idempotency-Key` (a POST without one might be applied twice). The service can veto or
 * force with `X-Should-Retry: false|true`.
 *
 * @example
 * ```ts
 * shouldRetry(new ServerError({ status: 503 }), { method: 'POST', keyed: true, retriesLeft: 1 }); // true
 * ```
 */
export function shouldRetry(
  error: unknown,
  req: { method: string; keyed: boolean; retriesLeft: number; serverSays?: string | null | undefined },
): boolean {
  if (req.retriesLeft <= 0 || !(req.method === 'GET' || req.keyed)) return false;
  if (!(error instanceof ComplaintKitError) || error.code === 'aborted') return false;
  if (req.serverSays === 'false') return false;
  return req.serverSays === 'true' || isRetryable(error);
}
