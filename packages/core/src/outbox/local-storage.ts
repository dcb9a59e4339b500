import { createLeaseLock, type Lease, type LeaseStore } from './lease-lock.js';
import { parseItem } from './parse-item.js';
import type { OutboxItem, OutboxLock, OutboxStorage } from './types.js';
import { createWebLock, webLocksAvailable } from './web-lock.js';

/** @internal the part of the Web Storage API used. */
/**
 * The part of the Web Storage API the outbox uses; `window.localStorage` fits, and so does a test double.
 *
 * @example
 * ```ts
 * const ls: WebStorage = window.localStorage;
 * ```
 */
export type WebStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

/**
 * Options of `LocalStorageStorage`.
 *
 * @example
 * ```ts
 * const o: LocalStorageStorageOptions = { namespace: 'ck-outbox:user-42' };
 * ```
 */
export interface LocalStorageStorageOptions {
  /** Prefix of every key (`<namespace>:item:<id>`, `<namespace>:lease`). Default `complaintkit-outbox`. */
  namespace?: string;
  /** Default `globalThis.localStorage`. */
  localStorage?: WebStorage;
  /** Where `storage` events from other tabs arrive. Default `globalThis` (the window). */
  storageEvents?: { addEventListener(type: 'storage', fn: (e: { key: string | null }) => void): void; removeEventListener(type: 'storage', fn: (e: { key: string | null }) => void): void } | null;
}

/**
 * Items in `localStorage`, one JSON value per item under namespaced keys. Synchronous and small
 * (about 5 MB per origin): fine for a handful of complaints; prefer IndexedDB where it works.
 * `setItem` is durable when it returns, so `put` is too. A full quota makes `put` reject.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ client, storage: new LocalStorageStorage({ namespace: 'ck-outbox' }) });
 * ```
 */
export class LocalStorageStorage implements OutboxStorage {
  readonly #ns: string;
  readonly #ls: WebStorage;
  readonly #events: LocalStorageStorageOptions['storageEvents'];
  constructor(options: LocalStorageStorageOptions = {}) {
    this.#ns = options.namespace ?? 'complaintkit-outbox';
    const g = globalThis as unknown as { addEventListener?: unknown };
    this.#events = options.storageEvents !== undefined ? options.storageEvents : typeof g.addEventListener === 'function' ? (g as LocalStorageStorageOptions['storageEvents']) : null;
    const ls = options.localStorage ?? (globalThis as { localStorage?: WebStorage }).localStorage;
    if (!ls) throw new Error('localStorage is not available here: use IndexedDBStorage or MemoryStorage.');
    this.#ls = ls;
  }
  #key(id: string): string {
    return `${this.#ns}:item:${id}`;
  }
  /** @example `await storage.get(id);` */
  async get(id: string): Promise<OutboxItem | undefined> {
    const s = this.#ls.getItem(this.#key(id));
    return s === null ? undefined : (JSON.parse(s) as OutboxItem);
  }
  /** @example `await storage.put(item);` */
  async put(item: OutboxItem): Promise<void> {
    this.#ls.setItem(this.#key(item.id), JSON.stringify(item));
  }
  /** @example `await storage.delete(id);` */
  async delete(id: string): Promise<void> {
    this.#ls.removeItem(this.#key(id));
  }
  /** @example `const items = await storage.list();` */
  async list(): Promise<OutboxItem[]> {
    const prefix = this.#key('');
    const keys: string[] = [];
    for (let i = 0; i < this.#ls.length; i++) {
      const k = this.#ls.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
    const items: OutboxItem[] = [];
    for (const k of keys.sort()) {
      const item = parseItem(this.#ls.getItem(k));
      if (item) items.push(item);
    }
    return items;
  }
  /** Calls `onChange` when another tab writes an item (the `storage` event). @example `const stop = storage.watch(refresh);` */
  watch(onChange: () => void): () => void {
    const target = this.#events;
    if (!target) return () => undefined;
    const prefix = this.#key('');
    const fn = (e: { key: string | null }) => {
      if (e.key === null || e.key.startsWith(prefix)) onChange();
    };
    target.addEventListener('storage', fn);
    return () => target.removeEventListener('storage', fn);
  }
  /**
   * The Web Locks API where present (named after the namespace), else a lease kept in
   * `localStorage` and confirmed after 50 ms.
   *
   * @example
   * ```ts
   * const lock = storage.createLock();
   * ```
   */
  createLock(): OutboxLock {
    if (webLocksAvailable()) return createWebLock(this.#ns);
    return createLeaseLock(this.#leaseStore(), { settleMs: 50 });
  }
  #leaseStore(): LeaseStore {
    const key = `${this.#ns}:lease`;
    const read = (): Lease | undefined => {
      try {
        const s = this.#ls.getItem(key);
        return s === null ? undefined : (JSON.parse(s) as Lease);
      } catch {
        return undefined;
      }
    };
    return {
      claim: async (owner, expiresAt, now) => {
        const l = read();
        if (l && l.owner !== owner && l.expiresAt > now) return false;
        this.#ls.setItem(key, JSON.stringify({ owner, expiresAt }));
        return true;
      },
      read: async () => read(),
      release: async (owner) => {
        if (read()?.owner === owner) this.#ls.removeItem(key);
      },
    };
  }
}
