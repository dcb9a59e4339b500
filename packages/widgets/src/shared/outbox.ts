// Loaded on first need (the customer starts typing, or sends): the offline outbox, its IndexedDB
// storage and the client. Nothing here is in a form's eager code.
import type { ComplaintClient } from '@complaintkit/core';
import {
  createOutbox,
  IndexedDBStorage,
  LocalStorageStorage,
  MemoryStorage,
  type Outbox,
  type OutboxItem,
  type OutboxItemOf,
  type OutboxKind,
  type OutboxPayloadInput,
  type OutboxStorage,
} from '@complaintkit/core/outbox';

/**
 * One page's outbox for one service address: where complaints and survey answers wait on the
 * device until the service has them.
 *
 * @example
 * ```ts
 * const { outbox } = pageOutbox('https://complaints.example-bank.cn', () => client);
 * ```
 */
export interface PageOutbox {
  outbox: Outbox;
  storage: OutboxStorage;
}

const outboxes = new Map<string, PageOutbox>();
const clients = new Map<string, () => Promise<ComplaintClient>>();

const storageFor = (baseUrl: string): OutboxStorage => {
  const name = `complaintkit-widgets:${baseUrl}`;
  const g = globalThis as { indexedDB?: unknown; localStorage?: unknown };
  if (g.indexedDB) return new IndexedDBStorage({ name });
  if (g.localStorage) return new LocalStorageStorage({ namespace: name });
  return new MemoryStorage();
};

/**
 * The outbox of a service address on this page (made once), sending with the newest client an
 * element registered for that address (so a refreshed token is used).
 *
 * @example
 * ```ts
 * const { outbox } = pageOutbox(baseUrl, () => clientFor({ baseUrl, token }));
 * ```
 */
export function pageOutbox(baseUrl: string, client: () => Promise<ComplaintClient>): PageOutbox {
  clients.set(baseUrl, client);
  const hit = outboxes.get(baseUrl);
  if (hit) return hit;
  const current = () => (clients.get(baseUrl) ?? client)();
  const storage = storageFor(baseUrl);
  const outbox = createOutbox({
    storage,
    client: {
      complaints: {
        create: async (input, options) => (await current()).complaints.create(input, options),
        followUp: async (id, body, options) => (await current()).complaints.followUp(id, body, options),
      },
    },
  });
  const made = { outbox, storage };
  outboxes.set(baseUrl, made);
  return made;
}

/**
 * Queues `payload` under `key` unless an item with that key is already on the device, and starts
 * sending. The key is made when the entry starts (not per tap), so a double tap, a second tap while
 * sending, or a resubmit after a reload finds the same item and makes nothing new; the key is also
 * the `Idempotency-Key` every attempt carries, so the service registers it once.
 *
 * @example
 * ```ts
 * const item = await enqueueOnce(page, 'complaint', entryKey, input);
 * ```
 */
export function enqueueOnce<K extends OutboxKind>(
  page: PageOutbox,
  kind: K,
  key: string,
  payload: OutboxPayloadInput[K],
): Promise<OutboxItemOf<K>> {
  return page.outbox.add(kind, payload, { id: key });
}

/**
 * A new entry key (the future item id and `Idempotency-Key`), to take when an entry starts.
 *
 * @example
 * ```ts
 * const key = newEntryKey(page);
 * ```
 */
export const newEntryKey = (page: PageOutbox): string => page.outbox.newId();

export type { OutboxItem };
