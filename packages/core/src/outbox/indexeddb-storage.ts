import { createLeaseLock, type Lease, type LeaseStore } from './lease-lock.js';
import type { OutboxItem, OutboxLock, OutboxStorage } from './types.js';
import { createWebLock, webLocksAvailable } from './web-lock.js';

/**
 * Options of `IndexedDBStorage`.
 *
 * @example
 * ```ts
 * const o: IndexedDBStorageOptions = { name: 'ck-outbox:user-42' };
 * ```
 */
export interface IndexedDBStorageOptions {
  /** Database name. Default `complaintkit-outbox`. */
  name?: string;
  /** Default `globalThis.indexedDB` (tests pass fake-indexeddb's). */
  indexedDB?: IDBFactory;
}

const ITEMS = 'items';
const LEASE = 'lease';

const done = (tx: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });

const result = <T>(req: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/**
 * Items in IndexedDB: an `items` store keyed by id (so listing is in queue order) and a `lease`
 * store for the lock fallback. Writes use `durability: 'strict'`, so `put` resolves only once the
 * item is on disk. The connection opens on first use and closes itself when another tab upgrades
 * the database.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ client, storage: new IndexedDBStorage({ name: 'ck-outbox' }) });
 * ```
 */
export class IndexedDBStorage implements OutboxStorage {
  readonly #name: string;
  readonly #factory: IDBFactory;
  #db: Promise<IDBDatabase> | undefined;
  #poster: BroadcastChannel | undefined;
  #channelName(): string {
    return `complaintkit-outbox:${this.#name}`;
  }
  /** Tells other tabs (their `watch`) that the items changed. */
  #changed(): void {
    if (typeof BroadcastChannel !== 'function') return;
    if (!this.#poster) {
      this.#poster = new BroadcastChannel(this.#channelName());
      (this.#poster as { unref?: () => void }).unref?.();
    }
    this.#poster.postMessage('changed');
  }
  constructor(options: IndexedDBStorageOptions = {}) {
    this.#name = options.name ?? 'complaintkit-outbox';
    const f = options.indexedDB ?? (globalThis as { indexedDB?: IDBFactory }).indexedDB;
    if (!f) throw new Error('IndexedDB is not available here: use LocalStorageStorage or MemoryStorage.');
    this.#factory = f;
  }
  #open(): Promise<IDBDatabase> {
    this.#db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = this.#factory.open(this.#name, 1);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(ITEMS)) db.createObjectStore(ITEMS, { keyPath: 'id' });
        if (!db.objectStoreNames.contains(LEASE)) db.createObjectStore(LEASE);
      };
      req.onsuccess = () => {
        const db = req.result;
        db.onversionchange = () => {
          db.close();
          this.#db = undefined;
        };
        resolve(db);
      };
      req.onerror = () => {
        this.#db = undefined;
        reject(req.error);
      };
    });
    return this.#db;
  }
  async #run<T>(store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | Promise<T>): Promise<T> {
    const db = await this.#open();
    const tx = db.transaction(store, mode, { durability: 'strict' });
    const completed = done(tx);
    const out = fn(tx.objectStore(store));
    const value = out instanceof Promise ? await out : await result(out);
    await completed;
    return value;
  }
  /** @example `await storage.get(id);` */
  async get(id: string): Promise<OutboxItem | undefined> {
    return (await this.#run(ITEMS, 'readonly', (s) => s.get(id) as IDBRequest<OutboxItem | undefined>)) ?? undefined;
  }
  /** @example `await storage.put(item);` */
  async put(item: OutboxItem): Promise<void> {
    await this.#run(ITEMS, 'readwrite', (s) => s.put(item));
    this.#changed();
  }
  /** @example `await storage.delete(id);` */
  async delete(id: string): Promise<void> {
    await this.#run(ITEMS, 'readwrite', (s) => s.delete(id));
    this.#changed();
  }
  /** @example `const items = await storage.list();` */
  async list(): Promise<OutboxItem[]> {
    return this.#run(ITEMS, 'readonly', (s) => s.getAll() as IDBRequest<OutboxItem[]>);
  }
  /**
   * Calls `onChange` when another tab (another `IndexedDBStorage` on the same database) writes,
   * through a `BroadcastChannel` where there is one.
   *
   * @example
   * ```ts
   * const stop = storage.watch(() => refresh());
   * ```
   */
  watch(onChange: () => void): () => void {
    if (typeof BroadcastChannel !== 'function') return () => undefined;
    const ch = new BroadcastChannel(this.#channelName());
    (ch as { unref?: () => void }).unref?.();
    ch.onmessage = () => onChange();
    return () => ch.close();
  }
  /** Closes the connection (the next call opens it again). @example `storage.close();` */
  close(): void {
    this.#poster?.close();
    this.#poster = undefined;
    const db = this.#db;
    this.#db = undefined;
    void db?.then((d) => d.close(), () => undefined);
  }
  /**
   * The Web Locks API where present (named after the database), else a lease claimed inside one
   * IndexedDB transaction (atomic across tabs).
   *
   * @example
   * ```ts
   * const lock = storage.createLock();
   * ```
   */
  createLock(): OutboxLock {
    if (webLocksAvailable()) return createWebLock(this.#name);
    return createLeaseLock(this.#leaseStore());
  }
  #leaseStore(): LeaseStore {
    // Read and write in one transaction, chained in callbacks (not awaits): old WebViews end a
    // transaction before promise continuations run.
    const update = (decide: (l: Lease | undefined) => Lease | null | undefined) =>
      this.#run(LEASE, 'readwrite', (s) => {
        const req = s.get(LEASE);
        return new Promise<boolean>((resolve, reject) => {
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const next = decide(req.result as Lease | undefined);
            if (next === undefined) return resolve(false);
            if (next === null) s.delete(LEASE);
            else s.put(next, LEASE);
            resolve(true);
          };
        });
      });
    return {
      claim: (owner, expiresAt, now) => update((l) => (l && l.owner !== owner && l.expiresAt > now ? undefined : { owner, expiresAt })),
      read: () => this.#run(LEASE, 'readonly', (s) => s.get(LEASE) as IDBRequest<Lease | undefined>),
      release: async (owner) => {
        await update((l) => (l?.owner === owner ? null : undefined));
      },
    };
  }
}
