import { ComplaintKitError } from '../core/errors/complaint-kit-error.js';

/**
 * @internal The one place that decides whether a failure may succeed if the same request is sent
 * again later: the client's retries, the change stream's reconnects, `watch` and `reminders`, and the
 * offline outbox all ask it. A ComplaintKit error answers with its `retryable` (network, timeout, 408,
 * 429, 5xx: yes; a refusal, bad input, 401, 404, an abort: no). Anything else is read structurally
 * (an error of another copy of this package, or of an outbox client of your own): its `retryable`
 * if it has one, else its HTTP `status` (408, 429 and 5xx are), else, with no answer at all (a
 * `TypeError` from `fetch`), yes.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ComplaintKitError) return error.retryable;
  const e = (typeof error === 'object' && error !== null ? error : {}) as { retryable?: unknown; status?: unknown };
  if (typeof e.retryable === 'boolean') return e.retryable;
  if (typeof e.status === 'number') return isRetryableStatus(e.status);
  return true;
}

/** @internal HTTP statuses worth waiting out: 408, 429 and every 5xx. */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;
