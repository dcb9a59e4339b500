import type { HeldLock, OutboxLock } from './types.js';

/** @internal the part of the Web Locks API the outbox uses. */
export interface LockManagerLike {
  request(name: string, options: { ifAvailable: boolean }, callback: (lock: unknown) => Promise<void> | undefined): Promise<unknown>;
}

/**
 * The Web Locks API (`navigator.locks`) when this browser or WebView has it, else `undefined`.
 *
 * @example
 * ```ts
 * const lock = webLocksAvailable() ? createWebLock('complaintkit-outbox') : fallback;
 * ```
 */
export function webLocksAvailable(): boolean {
  return typeof (globalThis as { navigator?: { locks?: unknown } }).navigator?.locks === 'object';
}

/**
 * A lock on the Web Locks API, shared by every tab and worker of the origin: requested with
 * `ifAvailable` so a second outbox does not wait, and released by the browser if the tab dies.
 * Needs nothing renewed. `locks` defaults to `navigator.locks`.
 *
 * @example
 * ```ts
 * const outbox = createOutbox({ client, storage, lock: createWebLock('complaintkit-outbox:app') });
 * ```
 */
export function createWebLock(name: string, locks?: LockManagerLike): OutboxLock {
  return {
    acquire() {
      const manager = locks ?? (globalThis as unknown as { navigator: { locks: LockManagerLike } }).navigator.locks;
      return new Promise<HeldLock | null>((resolve, reject) => {
        manager
          .request(name, { ifAvailable: true }, (lock) => {
            if (!lock) {
              resolve(null);
              return undefined;
            }
            return new Promise<void>((done) => {
              resolve({ renew: async () => true, release: async () => done() });
            });
          })
          .catch(reject);
      });
    },
  };
}
