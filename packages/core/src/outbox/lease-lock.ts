import { outboxId } from './ids.js';
import type { HeldLock, OutboxLock } from './types.js';

/**
 * A lease record: who holds the sending right, until when (epoch ms).
 *
 * @example
 * ```ts
 * const l: Lease = { owner: '0192…', expiresAt: Date.now() + 10_000 };
 * ```
 */
export interface Lease {
  owner: string;
  expiresAt: number;
}

/**
 * Where a lease is kept. `claim` sets the lease to `{owner, expiresAt}` when there is none, it has
 * expired (`expiresAt <= now`) or it is already `owner`'s, and says whether it did. Stores that can
 * do this atomically (memory, an IndexedDB transaction, an exclusive file create) need nothing
 * more; others (localStorage) are confirmed by the lock after a pause (`settleMs`).
 *
 * @example
 * ```ts
 * const ok = await store.claim('me', Date.now() + 10_000, Date.now());
 * ```
 */
export interface LeaseStore {
  claim(owner: string, expiresAt: number, now: number): Promise<boolean>;
  read(): Promise<Lease | undefined>;
  release(owner: string): Promise<void>;
}

/**
 * Options of a lease lock.
 *
 * @example
 * ```ts
 * const o: LeaseLockOptions = { ttlMs: 15_000, settleMs: 50 };
 * ```
 */
export interface LeaseLockOptions {
  /** How long a lease lasts unless renewed; another outbox takes over after it. Default 10 s. */
  ttlMs?: number;
  /** Pause after claiming before re-reading the lease to confirm it (for non-atomic stores). Default 0. */
  settleMs?: number;
  /** This holder's id. Default: a fresh UUIDv7. */
  owner?: string;
  now?: () => number;
}

/**
 * A lock made of a lease with an owner id and an expiry (RudderStack-style): renewed while the
 * outbox sends, taken over by another outbox once it has expired (the holder crashed or was
 * frozen in the background).
 *
 * @example
 * ```ts
 * const lock = createLeaseLock(new MemoryLeaseStore(), { ttlMs: 10_000 });
 * const held = await lock.acquire();
 * ```
 */
export function createLeaseLock(store: LeaseStore, options: LeaseLockOptions = {}): OutboxLock {
  const { ttlMs = 10_000, settleMs = 0, owner = outboxId(), now = Date.now } = options;
  const claim = async (): Promise<boolean> => {
    const t = now();
    if (!(await store.claim(owner, t + ttlMs, t))) return false;
    if (settleMs > 0) await new Promise((r) => setTimeout(r, settleMs));
    return (await store.read())?.owner === owner;
  };
  return {
    async acquire(): Promise<HeldLock | null> {
      if (!(await claim())) return null;
      let released = false;
      return {
        renew: () => (released ? Promise.resolve(false) : claim()),
        async release() {
          if (released) return;
          released = true;
          await store.release(owner);
        },
      };
    },
  };
}

/**
 * A lease kept in memory: shared by outboxes in one JavaScript realm (one tab, one Node process).
 *
 * @example
 * ```ts
 * const store = new MemoryLeaseStore();
 * const a = createLeaseLock(store), b = createLeaseLock(store);
 * ```
 */
export class MemoryLeaseStore implements LeaseStore {
  #lease: Lease | undefined;
  /** @example `await store.claim('me', Date.now() + 1000, Date.now());` */
  async claim(owner: string, expiresAt: number, now: number): Promise<boolean> {
    const l = this.#lease;
    if (l && l.owner !== owner && l.expiresAt > now) return false;
    this.#lease = { owner, expiresAt };
    return true;
  }
  /** @example `(await store.read())?.owner;` */
  async read(): Promise<Lease | undefined> {
    return this.#lease && { ...this.#lease };
  }
  /** @example `await store.release('me');` */
  async release(owner: string): Promise<void> {
    if (this.#lease?.owner === owner) this.#lease = undefined;
  }
}
