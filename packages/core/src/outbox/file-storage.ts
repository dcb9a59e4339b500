import { FileLeaseStore } from './file-lock.js';
import { errno, type OutboxFileSystem, readIfExists, tmpSuffix, writeDurably } from './file-system.js';
import { createLeaseLock } from './lease-lock.js';
import { parseItem } from './parse-item.js';
import type { OutboxItem, OutboxLock, OutboxStorage } from './types.js';

const ITEM_FILE = /^[0-9a-f-]{36}\.json$/;

/**
 * @internal The implementation of `FileStorage` (`@complaintkit/core/outbox/node`), with the file
 * system passed in so this module imports no Node built-in. Items as files in one directory, one
 * JSON file per item, each written atomically (temporary file, `fsync`, rename), so a crash leaves
 * either the old or the new item, never half of one. One file per item (rather than one file for
 * the queue) lets several processes add and update items without losing each other's writes. The
 * lock is a lock file in the same directory.
 */
export class DirectoryStorage implements OutboxStorage {
  readonly #fs: OutboxFileSystem;
  readonly #dir: string;
  #ready: Promise<unknown> | undefined;
  constructor(fs: OutboxFileSystem, dir: string) {
    this.#fs = fs;
    this.#dir = dir.replace(/[\\/]+$/, '');
  }
  #path(name: string): string {
    return `${this.#dir}/${name}`;
  }
  #mkdir(): Promise<unknown> {
    this.#ready ??= this.#fs.mkdir(this.#dir, { recursive: true }).catch((e) => {
      this.#ready = undefined;
      throw e;
    });
    return this.#ready;
  }
  /** @example `await storage.get(id);` */
  async get(id: string): Promise<OutboxItem | undefined> {
    const text = await readIfExists(this.#fs, this.#path(`${id}.json`));
    return text === undefined ? undefined : (JSON.parse(text) as OutboxItem);
  }
  /** @example `await storage.put(item);` */
  async put(item: OutboxItem): Promise<void> {
    await this.#mkdir();
    const tmp = this.#path(`.${item.id}.${tmpSuffix()}.tmp`);
    await writeDurably(this.#fs, tmp, JSON.stringify(item));
    await this.#fs.rename(tmp, this.#path(`${item.id}.json`));
  }
  /** @example `await storage.delete(id);` */
  async delete(id: string): Promise<void> {
    await this.#fs.unlink(this.#path(`${id}.json`)).catch((e) => {
      if (errno(e) !== 'ENOENT') throw e;
    });
  }
  /** @example `const items = await storage.list();` */
  async list(): Promise<OutboxItem[]> {
    await this.#mkdir();
    const names = (await this.#fs.readdir(this.#dir)).filter((n) => ITEM_FILE.test(n)).sort();
    const items: OutboxItem[] = [];
    for (const n of names) {
      const item = parseItem(await readIfExists(this.#fs, this.#path(n)));
      if (item) items.push(item);
    }
    return items;
  }
  /** A lease in the lock file `<dir>/.lock`. @example `const lock = storage.createLock();` */
  createLock(): OutboxLock {
    return createLeaseLock(new FileLeaseStore(this.#fs, this.#path('.lock')));
  }
}
