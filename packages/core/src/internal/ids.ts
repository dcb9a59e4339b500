/** @internal random bytes fetched 1 KiB at a time: one `getRandomValues` call per 64 ids, not per id. */
let pool = new Uint8Array(0);
let used = 0;

const random16 = (): Uint8Array => {
  if (used + 16 > pool.length) {
    const c = (globalThis as { crypto?: Crypto }).crypto;
    // Every supported runtime has it, also on plain http; Math.random is no source for idempotency keys.
    if (!c?.getRandomValues) throw new Error('crypto.getRandomValues is not available: ComplaintKit cannot make request ids and idempotency keys here.');
    pool = c.getRandomValues(new Uint8Array(1024));
    used = 0;
  }
  used += 16;
  return pool.slice(used - 16, used);
};

const hex = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};

/**
 * @internal A UUIDv7 (RFC 9562): 48-bit Unix milliseconds, then random bits. Time-ordered, so
 * idempotency keys and request ids sort by creation in server logs.
 */
export function uuidv7(now: number = Date.now()): string {
  const b = random16();
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = (b[6]! & 0x0f) | 0x70;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return hex(b);
}
