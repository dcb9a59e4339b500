import { backoffCap } from '../internal/retry/backoff.js';
import type { OutboxRetryOptions } from './types.js';

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
