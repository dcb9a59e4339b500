/**
 * `@complaintkit/core/outbox/node`: what the offline outbox needs only in Node: `FileStorage` (items
 * as files in a directory, written atomically, guarded by a lock file) and its `FileLeaseStore`.
 * Everything else of the outbox (`createOutbox`, the other storages, the locks) is imported from
 * `@complaintkit/core/outbox`, once. With `@complaintkit/core/node`, the only modules of the package
 * that import Node built-ins.
 *
 * @example
 * ```ts
 * import { createOutbox } from '@complaintkit/core/outbox';
 * import { FileStorage } from '@complaintkit/core/outbox/node';
 * const outbox = createOutbox({ client, storage: new FileStorage('.data/outbox') });
 * ```
 *
 * @packageDocumentation
 */
import * as fs from 'node:fs/promises';
import { DirectoryStorage } from './outbox/file-storage.js';
import type { OutboxFileSystem } from './outbox/file-system.js';

export { FileLeaseStore } from './outbox/file-lock.js';
export type { OutboxFileHandle, OutboxFileSystem } from './outbox/file-system.js';

/**
 * Items as JSON files in `dir` (created when needed), one per item, each written to a temporary
 * file, flushed and renamed into place, so they survive a crash or restart. Outboxes in several
 * processes on the same directory share a lock file (`<dir>/.lock`): only one sends at a time.
 * `fileSystem` defaults to `node:fs/promises`; pass another {@link OutboxFileSystem} (a subset of
 * it) for another runtime or a test.
 *
 * @example
 * ```ts
 * const storage = new FileStorage('/var/lib/branch-kiosk/outbox');
 * const outbox = createOutbox({ client, storage });
 * ```
 */
export class FileStorage extends DirectoryStorage {
  constructor(dir: string, fileSystem: OutboxFileSystem = fs) {
    super(fileSystem, dir);
  }
}
