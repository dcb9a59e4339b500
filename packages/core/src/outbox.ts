/**
 * `@complaintkit/core/outbox`: the offline outbox for H5 pages, WebViews and Node. Complaints and
 * survey answers made offline are saved on the device (memory, IndexedDB or localStorage here; a
 * directory of files in `@complaintkit/core/outbox/node`) and sent in order, exactly once, when the
 * network returns. A separate entry point: neither it nor rxjs is in the main client bundle.
 *
 * @example
 * ```ts
 * const { createOutbox, IndexedDBStorage } = await import('@complaintkit/core/outbox');
 * const outbox = createOutbox({ client, storage: new IndexedDBStorage() });
 * await outbox.add('complaint', input); // "已保存，联网后自动提交"
 * ```
 *
 * @packageDocumentation
 */
export { createOutbox } from './outbox/create-outbox.js';
export { OutboxClosedError, OutboxItemError, OutboxStorageError, OutboxValidationError } from './outbox/errors.js';
export { IndexedDBStorage, type IndexedDBStorageOptions } from './outbox/indexeddb-storage.js';
export {
  createLeaseLock,
  type Lease,
  type LeaseLockOptions,
  type LeaseStore,
  MemoryLeaseStore,
} from './outbox/lease-lock.js';
export { LocalStorageStorage, type LocalStorageStorageOptions, type WebStorage } from './outbox/local-storage.js';
export { MemoryStorage } from './outbox/memory-storage.js';
export type {
  HeldLock,
  Outbox,
  OutboxClient,
  OutboxEventTarget,
  OutboxFailure,
  OutboxItem,
  OutboxItemOf,
  OutboxItemState,
  OutboxKind,
  OutboxLock,
  OutboxOptions,
  OutboxPayload,
  OutboxPayloadInput,
  OutboxRetryOptions,
  OutboxSnapshot,
  OutboxState,
  OutboxStorage,
  SurveyAnswer,
  SurveyAnswerInput,
} from './outbox/types.js';
export { createWebLock, type LockManagerLike, webLocksAvailable } from './outbox/web-lock.js';
