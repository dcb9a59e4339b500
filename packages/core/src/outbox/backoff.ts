import { backoffCap } from '../internal/retry/backoff.js';

/**
 * Retry timing: exponential from `baseMs` by `factor`, capped at `maxMs`, with jitter so that many
 * devices coming back online at once do not all send in the same second.
 *
 * @example
 * ```ts
 * const r: OutboxRetryOptions = { baseMs: 2000, maxMs: 5 * 60_000 };
 * ```
 */
export interface OutboxRetryOptions {
  /** First wait, ms. Default 1000. */
  baseMs?: number;
  /** Longest wait, ms. Default 5 minutes. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
}

/**
 * The wait before attempt `attempts + 1`: between half and all of `min(maxMs, baseMs·factor^(attempts−1))`,
 * and never shorter than the service's `Retry-After`.
 *
 * @example
 * ```ts
 * outboxRetryDelay(3, {}, Math.random); // 2000..4000
 * ```
 */
export function outboxRetryDelay(attempts: number, options: OutboxRetryOptions, random: () => number, retryAfterMs = 0): number {
  const { baseMs = 1000, maxMs = 300_000, factor = 2 } = options;
  const full = backoffCap(attempts, baseMs, maxMs, factor);
  return Math.max(retryAfterMs, Math.round(full / 2 + (random() * full) / 2));
}
