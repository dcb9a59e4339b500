/**
 * `@complaintkit/core/outbox/node`: the offline outbox for Node, with `FileStorage` (items as files
 * in a directory, written atomically, guarded by a lock file). Everything of
 * `@complaintkit/core/outbox` is re-exported. The only module of the package that imports Node
 * built-ins.
 *
 * @example
 * ```ts
 * import { createOutbox, FileStorage } from '@complaintkit/core/outbox/node';
 * const outbox = createOutbox({ client, storage: new FileStorage('.data/outbox') });
 * ```
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs/promises';
import { DirectoryStorage } from './client/outbox/file-storage.js';

export * from './outbox.js';
export { DirectoryStorage } from './client/outbox/file-storage.js';
export { FileLeaseStore } from './client/outbox/file-lock.js';
export type { OutboxFileHandle, OutboxFileSystem } from './client/outbox/file-system.js';

/**
 * Items as JSON files in `dir` (created when needed), one per item, each written to a temporary
 * file, flushed and renamed into place, so they survive a crash or restart. Outboxes in several
 * processes on the same directory share a lock file (`<dir>/.lock`): only one sends at a time.
 *
 * @example
 * ```ts
 * const storage = new FileStorage('/var/lib/branch-kiosk/outbox');
 * const outbox = createOutbox({ client, storage });
 * ```
 */
export class FileStorage extends DirectoryStorage {
  constructor(dir: string) {
    super(fs, dir);
  }
}
