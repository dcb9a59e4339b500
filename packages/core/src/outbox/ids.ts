import { uuidv7 } from '../internal/ids.js';

/** @internal the last timestamp given out, so ids from this process strictly increase. */
let lastMs = 0;

/**
 * A time-ordered UUIDv7 (RFC 9562) from `crypto.getRandomValues`: the item's id, queue position
 * and `Idempotency-Key` in one. Ids made in one process strictly increase, even within one
 * millisecond or when the clock steps back (the timestamp then runs ahead by a millisecond).
 * Pass `notBefore` (the newest id already stored) to stay after items saved before a reload.
 *
 * @example
 * ```ts
 * const a = outboxId(); const b = outboxId();
 * a < b; // true
 * ```
 */
export function outboxId(notBefore?: string): string {
  const stored = notBefore ? parseInt(notBefore.replace(/-/g, '').slice(0, 12), 16) : 0;
  const ms = Math.max(Date.now(), lastMs + 1, Number.isFinite(stored) ? stored + 1 : 0);
  lastMs = ms;
  return uuidv7(ms);
}
