import { createLeaseLock, MemoryLeaseStore } from './lease-lock.js';
import type { OutboxItem, OutboxLock, OutboxStorage } from './types.js';

/**
 * Items kept in memory: for tests, Node scripts, and as the last resort where a WebView offers no
 * storage (items do not survive a reload). Outboxes sharing one instance share its items and lock.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ client, storage: new MemoryStorage() });
 * ```
 */
export class MemoryStorage implements OutboxStorage {
  readonly #items = new Map<string, string>();
  readonly #lease = new MemoryLeaseStore();
  readonly #watchers = new Set<() => void>();
  #changed(): void {
    for (const w of [...this.#watchers]) w();
  }
  /** @example `await storage.get(id);` */
  async get(id: string): Promise<OutboxItem | undefined> {
    const s = this.#items.get(id);
    return s === undefined ? undefined : (JSON.parse(s) as OutboxItem);
  }
  /** @example `await storage.put(item);` */
  async put(item: OutboxItem): Promise<void> {
    this.#items.set(item.id, JSON.stringify(item));
    this.#changed();
  }
  /** @example `await storage.delete(id);` */
  async delete(id: string): Promise<void> {
    this.#items.delete(id);
    this.#changed();
  }
  /** @example `const items = await storage.list();` */
  async list(): Promise<OutboxItem[]> {
    return [...this.#items.keys()].sort().map((id) => JSON.parse(this.#items.get(id)!) as OutboxItem);
  }
  /** Calls `onChange` after every write. @example `const stop = storage.watch(() => console.log('changed'));` */
  watch(onChange: () => void): () => void {
    this.#watchers.add(onChange);
    return () => this.#watchers.delete(onChange);
  }
  /** A lease lock shared by every outbox on this instance. @example `const lock = storage.createLock();` */
  createLock(): OutboxLock {
    return createLeaseLock(this.#lease);
  }
}
