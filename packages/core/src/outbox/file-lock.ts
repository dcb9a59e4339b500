import { errno, type OutboxFileSystem, readIfExists, tmpSuffix, writeDurably } from './file-system.js';
import type { Lease, LeaseStore } from './lease-lock.js';

/**
 * A lease kept in a lock file, for outboxes in several Node processes on one `FileStorage`. The
 * file is created exclusively (`O_EXCL`), so only one process gets it; its holder renews it while
 * sending. An expired lease (its holder crashed) is taken over, and a lease renewed, only while
 * holding a second exclusive file (`<lock>.guard`) and after re-reading the lease unchanged, so a
 * renewal and a takeover, or two takeovers, never both succeed. A guard left by a crash is removed
 * once it is older than `staleMs`.
 *
 * @example
 * ```ts
 * import * as fs from 'node:fs/promises';
 * const lock = createLeaseLock(new FileLeaseStore(fs, '/var/lib/app/outbox/.lock'));
 * ```
 */
export class FileLeaseStore implements LeaseStore {
  readonly #fs: OutboxFileSystem;
  readonly #path: string;
  readonly #staleMs: number;
  /** `staleMs`: how old an unreadable lock file must be to count as abandoned. */
  constructor(fs: OutboxFileSystem, path: string, staleMs = 10_000) {
    this.#fs = fs;
    this.#path = path;
    this.#staleMs = staleMs;
  }
  async #create(lease: Lease): Promise<boolean> {
    try {
      await writeDurably(this.#fs, this.#path, JSON.stringify(lease), 'wx');
      return true;
    } catch (e) {
      if (errno(e) === 'EEXIST') return false;
      throw e;
    }
  }
  async #current(text: string): Promise<Lease> {
    try {
      const l = JSON.parse(text) as Lease;
      if (typeof l.owner === 'string' && typeof l.expiresAt === 'number') return l;
    } catch {
      // being written, or damaged: judged by its age below
    }
    const at = await this.#fs.stat(this.#path).then((s) => s.mtimeMs, () => 0);
    return { owner: '', expiresAt: at + this.#staleMs };
  }
  /** @example `await store.claim('me', Date.now() + 10_000, Date.now());` */
  async claim(owner: string, expiresAt: number, now: number): Promise<boolean> {
    const lease = { owner, expiresAt };
    if (await this.#create(lease)) return true;
    const text = await readIfExists(this.#fs, this.#path);
    if (text === undefined) return this.#create(lease);
    const held = await this.#current(text);
    if (held.owner !== owner && held.expiresAt > now) return false;
    // Renewing our lease or taking over an expired one: change the file only under the guard, after
    // checking it still says what we judged (nobody renewed or took over in between).
    const guard = `${this.#path}.guard`;
    try {
      await writeDurably(this.#fs, guard, owner, 'wx');
    } catch (e) {
      if (errno(e) !== 'EEXIST') throw e;
      const since = await this.#fs.stat(guard).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (since > this.#staleMs) await this.#fs.unlink(guard).catch(() => undefined); // its holder crashed
      return held.owner === owner && held.expiresAt > now; // a valid lease of ours cannot be taken over meanwhile
    }
    try {
      if ((await readIfExists(this.#fs, this.#path)) !== text) return false;
      const tmp = `${this.#path}.${tmpSuffix()}.tmp`;
      await writeDurably(this.#fs, tmp, JSON.stringify(lease));
      await this.#fs.rename(tmp, this.#path);
      return true;
    } finally {
      await this.#fs.unlink(guard).catch(() => undefined);
    }
  }
  /** @example `(await store.read())?.owner;` */
  async read(): Promise<Lease | undefined> {
    const text = await readIfExists(this.#fs, this.#path);
    return text === undefined ? undefined : this.#current(text);
  }
  /** @example `await store.release('me');` */
  async release(owner: string): Promise<void> {
    const l = await this.read();
    if (l?.owner !== owner) return;
    await this.#fs.unlink(this.#path).catch((e) => {
      if (errno(e) !== 'ENOENT') throw e;
    });
  }
}
