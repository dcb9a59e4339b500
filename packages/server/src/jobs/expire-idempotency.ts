import type { Logger } from '../http/logger.js';
import type { Store } from '../store/store.js';

/** How long a first result is kept for replay: 24 hours, as Stripe keeps idempotency keys. @example `startServer({ port: 0, dataDir, idempotencyTtlMs: DEFAULT_IDEMPOTENCY_TTL_MS });` */
export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/**
 * Options of {@link startIdempotencyExpiry}.
 *
 * @example
 * ```ts
 * const o: IdempotencyExpiryOptions = { store, now: Date.now, ttlMs: DEFAULT_IDEMPOTENCY_TTL_MS, everyMs: 3_600_000 };
 * ```
 */
export interface IdempotencyExpiryOptions {
  readonly store: Store;
  readonly now: () => number;
  readonly ttlMs: number;
  readonly everyMs: number;
  readonly logger?: Logger | undefined;
}

/**
 * Deletes idempotency records older than the TTL now and then every `everyMs`, so the table does not
 * grow without end. Online retries fall well inside the TTL, but an offline outbox may hold an item
 * (even one whose answer was lost) for longer: nothing bounds how long a device stays offline. So
 * creation does not depend on these records: the key a complaint was created with stays on the
 * complaint (unique per caller) and a repeat finds it at any age. What expires here is the replay of
 * other steps (accept, respond, …): a repeat after the TTL runs again, and the lifecycle refuses a
 * step that moved the complaint on (409 `invalid_transition`); a repeatable step (a follow-up
 * attempt) retried after the TTL is applied again. Returns the stop function.
 *
 * @example
 * ```ts
 * const stop = startIdempotencyExpiry({ store, now: Date.now, ttlMs: DEFAULT_IDEMPOTENCY_TTL_MS, everyMs: 3_600_000 });
 * stop();
 * ```
 */
export function startIdempotencyExpiry(o: IdempotencyExpiryOptions): () => void {
  const run = () =>
    o.store.expireIdempotency(o.now() - o.ttlMs).then(
      (n) => {
        if (n > 0) o.logger?.info({ msg: 'idempotency records expired', count: n });
      },
      (e: unknown) => o.logger?.error({ msg: 'idempotency expiry failed', error: e instanceof Error ? e.name : 'unknown' }),
    );
  void run();
  const timer = setInterval(run, o.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
