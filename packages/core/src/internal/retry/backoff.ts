import type { RetryPolicy } from '../../core/options.js';

/**
 * @internal The default retry policy.
 *
 * @example
 * ```ts
 * DEFAULT_RETRY_POLICY.maxRetries; // 2
 * ```
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60_000 };

/**
 * Exponential backoff with full jitter (AWS's recommendation): a uniform wait between 0 and
 * `min(maxDelayMs, initialDelayMs · 2^(retry−1))`, so clients that failed together spread out.
 *
 * @example
 * ```ts
 * backoffDelay(3, DEFAULT_RETRY_POLICY, () => 1); // 2000
 * ```
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number = Math.random): number {
  return Math.round(random() * backoffCap(retry, policy.initialDelayMs, policy.maxDelayMs));
}

/**
 * @internal The exponential ceiling both the client's retries and the outbox's resends draw from:
 * `min(maxMs, baseMs · factor^(attempt−1))`.
 */
export const backoffCap = (attempt: number, baseMs: number, maxMs: number, factor = 2): number =>
  Math.min(maxMs, baseMs * factor ** Math.max(0, attempt - 1));

/**
 * The wait a response asks for, in milliseconds: `Retry-After-Ms`, else `Retry-After` as seconds
 * or as an HTTP date. `undefined` when it asks for none or the value is unreadable.
 *
 * @example
 * ```ts
 * retryAfterMs(new Headers({ 'retry-after': '3' })); // 3000
 * ```
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before retry number `retry` (1-based): what the response asked for (capped at
 * `maxRetryAfterMs`), else the jittered backoff.
 *
 * @example
 * ```ts
 * retryDelay(1, new Headers({ 'retry-after': '120' }), DEFAULT_RETRY_POLICY); // 60000
 * ```
 */
export function retryDelay(retry: number, headers: Headers | undefined, policy: RetryPolicy, random?: () => number): number {
  const asked = retryAfterMs(headers);
  return asked === undefined ? backoffDelay(retry, policy, random) : Math.min(asked, policy.maxRetryAfterMs);
}
