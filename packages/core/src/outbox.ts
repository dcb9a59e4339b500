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
export type { OutboxRetryOptions } from './client/outbox/backoff.js';
export { outboxRetryDelay } from './client/outbox/backoff.js';
export { classifySendError, type SendVerdict } from './client/outbox/classify.js';
export {
  createOutbox,
  type Outbox,
  type OutboxOptions,
  type OutboxSnapshot,
  type OutboxState,
} from './client/outbox/create-outbox.js';
export { OutboxClosedError, OutboxItemError, OutboxStorageError, OutboxValidationError } from './client/outbox/errors.js';
export { outboxId } from './client/outbox/ids.js';
export { IndexedDBStorage, type IndexedDBStorageOptions } from './client/outbox/indexeddb-storage.js';
export {
  createLeaseLock,
  type Lease,
  type LeaseLockOptions,
  type LeaseStore,
  MemoryLeaseStore,
} from './client/outbox/lease-lock.js';
export { LocalStorageStorage, type LocalStorageStorageOptions, type WebStorage } from './client/outbox/local-storage.js';
export { MemoryStorage } from './client/outbox/memory-storage.js';
export type { OutboxEventTarget } from './client/outbox/triggers.js';
export type {
  HeldLock,
  OutboxClient,
  OutboxFailure,
  OutboxItem,
  OutboxItemOf,
  OutboxItemState,
  OutboxKind,
  OutboxLock,
  OutboxPayload,
  OutboxPayloadInput,
  OutboxStorage,
  SurveyAnswer,
  SurveyAnswerInput,
} from './client/outbox/types.js';
export { validatePayload } from './client/outbox/validate.js';
export { createWebLock, type LockManagerLike, webLocksAvailable } from './client/outbox/web-lock.js';
