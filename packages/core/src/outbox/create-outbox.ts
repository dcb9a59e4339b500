import { OutboxClosedError, OutboxItemError, OutboxStorageError } from './errors.js';
import { outboxId } from './ids.js';
import { observe } from './observe.js';
import { resolveOutboxOptions } from './options.js';
import { createQueue, listInOrder } from './queue.js';
import { createScheduler } from './scheduler.js';
import { createSender } from './sender.js';
import { startTriggers } from './triggers.js';
import type { Outbox, OutboxItem, OutboxItemOf, OutboxKind, OutboxOptions, OutboxPayloadInput } from './types.js';
import { validatePayload } from './validate.js';

/** Writes, and says "not saved" in the caller's words when the storage fails. */
async function durably(what: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new OutboxStorageError(what, error);
  }
}

/**
 * Creates the offline outbox. It flushes at start-up, on `online` and when the page becomes visible
 * (these three, like `flush()`, do not wait out a backoff), on its retry timer and every `pollMs`;
 * only the outbox holding the lock sends. A retryable error
 * (network, timeout, 408, 429, 5xx) stops the pass and schedules a retry with backoff and jitter;
 * a 401 pauses the queue; any other 4xx parks the item as `failed` and the next item goes.
 *
 * @example
 * ```ts
 * import { createComplaintClient } from '@complaintkit/core';
 * import { createOutbox, IndexedDBStorage } from '@complaintkit/core/outbox';
 *
 * const outbox = createOutbox({ client: createComplaintClient({ baseUrl, token }), storage: new IndexedDBStorage() });
 * const item = await outbox.add('survey', { complaintId: 'CK20260301-000042', answer: { reached: true, satisfaction: 5 } });
 * ```
 */
export function createOutbox(options: OutboxOptions): Outbox {
  const o = resolveOutboxOptions(options);
  const { storage, now } = o;
  // The parts: the device's copy of the queue, the sender of one item, the scheduler of passes, the triggers.
  const queue = createQueue(storage, o.isOnline);
  const sender = createSender(o, queue);
  const scheduler = createScheduler(o, queue, sender);
  const run = (forced: boolean, forceNext?: boolean) => void scheduler.run(forced, forceNext);
  const stopTriggers = startTriggers(o, run, queue.emit);
  let closed = false;

  const ready = queue.refresh().catch(() => queue.items);
  if (o.autoStart) void ready.then(() => scheduler.run(true));

  const newId = () => outboxId(queue.items[queue.items.length - 1]?.id);
  const makeItem = <K extends OutboxKind>(kind: K, payload: OutboxPayloadInput[K], id?: string): OutboxItemOf<K> => {
    const valid = validatePayload(kind, payload);
    const t = now();
    return { id: id ?? newId(), kind, payload: valid, state: 'queued', createdAt: t, updatedAt: t, attempts: 0, nextAttemptAt: 0 };
  };

  return {
    async add(kind, payload, options) {
      if (closed) throw new OutboxClosedError();
      await ready;
      const id = options?.id;
      if (id !== undefined) {
        if (!/^[\w-]{1,255}$/.test(id)) throw new TypeError('add(…, { id }) takes an id from outbox.newId()');
        const stored = await storage.get(id);
        if (stored) return stored as OutboxItemOf<typeof kind>;
      }
      const item = makeItem(kind, payload, id);
      await durably('Not saved', () => queue.save(item as OutboxItem));
      run(false);
      return item;
    },
    newId,
    flush: () => scheduler.run(true),
    list: () => listInOrder(storage),
    async retry(id, payload) {
      if (closed) throw new OutboxClosedError();
      const item = await storage.get(id);
      if (!item) throw new OutboxItemError('item_not_found');
      if (item.state !== 'failed') throw new OutboxItemError('item_not_failed');
      let next: OutboxItem;
      if (payload === undefined) {
        next = { ...item, state: 'queued', failure: undefined, nextAttemptAt: 0, updatedAt: now() };
        await durably('Not queued again', () => queue.save(next));
      } else {
        // A changed request gets a new id, so it never reuses the old Idempotency-Key.
        next = makeItem(item.kind, payload as OutboxPayloadInput[typeof item.kind]) as OutboxItem;
        await durably('Not queued again', async () => {
          await queue.save(next);
          await queue.drop(item.id);
        });
      }
      run(true);
      return next;
    },
    async remove(id) {
      const item = await storage.get(id);
      if (!item) throw new OutboxItemError('item_not_found');
      if (item.state === 'sending' && queue.status.sendingId === id) throw new OutboxItemError('item_sending');
      await durably('Not removed', () => queue.drop(id));
    },
    subscribe(listener) {
      listener(queue.snapshot());
      return queue.hub.listen(listener);
    },
    snapshot: () => queue.snapshot(),
    items$: observe(queue.hub, (s) => s.items),
    state$: observe(queue.hub, (s) => s.state),
    item$: (id) => observe(queue.hub, (s) => s.items.find((i) => i.id === id)),
    async close() {
      if (closed) return;
      closed = true;
      stopTriggers();
      await scheduler.close();
      queue.close();
    },
  };
}
