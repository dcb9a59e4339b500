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
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c?.getRandomValues) throw new Error('crypto.getRandomValues is not available: the outbox cannot make idempotency keys here.');
  const stored = notBefore ? parseInt(notBefore.replace(/-/g, '').slice(0, 12), 16) : 0;
  const ms = Math.max(Date.now(), lastMs + 1, Number.isFinite(stored) ? stored + 1 : 0);
  lastMs = ms;
  const b = c.getRandomValues(new Uint8Array(16));
  let t = ms;
  for (let i = 5; i >= 0; i--) {
    b[i] = t % 256;
    t = Math.floor(t / 256);
  }
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  let s = '';
  for (const x of b) s += x.toString(16).padStart(2, '0');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
