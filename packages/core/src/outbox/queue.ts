import type { Hub } from './observe.js';
import { outboxState, type QueueStatus } from './state.js';
import type { OutboxItem, OutboxSnapshot, OutboxStorage } from './types.js';

/**
 * @internal The outbox's copy of its storage: the items in queue order (by id, which is time-ordered),
 * the queue's status, and the listeners told of every change. Every write goes to storage first and
 * changes the copy only once storage has it.
 */
export interface OutboxQueue {
  /** The items as last read or written, in queue order; a new array after every change. */
  readonly items: readonly OutboxItem[];
  /** Mutable: the sender and the scheduler set it, then call `emit()`. */
  readonly status: QueueStatus;
  /** What `subscribe`, `items$`, `state$` and `item$` listen to. */
  readonly hub: Hub<OutboxSnapshot>;
  /** The last snapshot, without reading storage. */
  snapshot(): OutboxSnapshot;
  /** Makes a new snapshot and tells every listener. */
  emit(): void;
  /** Reads every item from storage. */
  refresh(): Promise<readonly OutboxItem[]>;
  /** Writes an item (durably), then puts it in the copy. */
  save(item: OutboxItem): Promise<void>;
  /** Deletes an item from storage, then from the copy. */
  drop(id: string): Promise<void>;
  /** Deletes the `sent` items older than `retainMs`. */
  pruneSent(now: number, retainMs: number): Promise<void>;
  /** Completes the observables and forgets the listeners. */
  close(): void;
}

const byId = (a: OutboxItem, b: OutboxItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** @internal Reads `storage` in queue order (what `outbox.list()` returns). */
export async function listInOrder(storage: OutboxStorage): Promise<OutboxItem[]> {
  return (await storage.list()).sort(byId);
}

/** @internal The queue over `storage`; `isOnline` is read for every snapshot's state. */
export function createQueue(storage: OutboxStorage, isOnline: () => boolean): OutboxQueue {
  let items: OutboxItem[] = [];
  /** Counts the starts and ends of this outbox's own writes, so a read that overlapped one is not trusted (it may miss it). */
  let writes = 0;
  const status: QueueStatus = { paused: false };
  const listeners = new Set<(s: OutboxSnapshot) => void>();
  const closers = new Set<() => void>();
  let current: OutboxSnapshot = { items, state: outboxState(items, status, isOnline()) };

  const emit = () => {
    current = { items, state: outboxState(items, status, isOnline()) };
    for (const l of [...listeners]) l(current);
  };
  const drop = async (id: string) => {
    writes++;
    await storage.delete(id);
    writes++;
    items = items.filter((i) => i.id !== id);
    emit();
  };

  return {
    get items() {
      return items;
    },
    status,
    hub: {
      current: () => current,
      listen(fn) {
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
      onClose(fn) {
        closers.add(fn);
        return () => closers.delete(fn);
      },
    },
    snapshot: () => current,
    emit,
    async refresh() {
      // A list that started before one of our writes finished may not have it: read again (a few times at most).
      for (let tries = 0; ; tries++) {
        const before = writes;
        const listed = await listInOrder(storage);
        if (before === writes || tries === 3) {
          items = listed;
          break;
        }
      }
      emit();
      return items;
    },
    async save(item) {
      writes++;
      await storage.put(item);
      writes++;
      items = [...items.filter((i) => i.id !== item.id), item].sort(byId);
      emit();
    },
    drop,
    async pruneSent(now, retainMs) {
      for (const old of items.filter((i) => i.state === 'sent' && (i.sentAt ?? 0) + retainMs <= now)) await drop(old.id);
    },
    close() {
      for (const c of [...closers]) c();
      listeners.clear();
    },
  };
}
