import type { Observable } from 'rxjs';
import { type OutboxRetryOptions, outboxRetryDelay } from './backoff.js';
import { classifySendError } from './classify.js';
import { OutboxClosedError, OutboxItemError, OutboxStorageError } from './errors.js';
import { outboxId } from './ids.js';
import { createLeaseLock, MemoryLeaseStore } from './lease-lock.js';
import { type Hub, observe } from './observe.js';
import { listen, type OutboxEventTarget, unrefTimer } from './triggers.js';
import type {
  HeldLock,
  OutboxClient,
  OutboxFailure,
  OutboxItem,
  OutboxItemOf,
  OutboxKind,
  OutboxLock,
  OutboxPayloadInput,
  OutboxStorage,
} from './types.js';
import { validatePayload } from './validate.js';

/**
 * Options of `createOutbox`. Only `client` and `storage` are required; the rest have defaults
 * for browsers and WebViews (and are inert in Node).
 *
 * @example
 * ```ts
 * const o: OutboxOptions = { client, storage: new IndexedDBStorage(), retry: { maxMs: 60_000 } };
 * ```
 */
export interface OutboxOptions {
  client: OutboxClient;
  storage: OutboxStorage;
  /**
   * Keeps two outboxes on the same storage from both sending. Default `storage.createLock()` (every
   * storage here has one); a storage of your own shared by several outboxes must provide
   * `createLock` or be given the same kind of lock here.
   */
  lock?: OutboxLock;
  retry?: OutboxRetryOptions;
  /** Whether to try sending at all. Default `navigator.onLine` (true where unknown). */
  isOnline?: () => boolean;
  /** Fires `online` / `offline`. Default `globalThis` when it is an event target (a window); `null` for none. */
  onlineEvents?: OutboxEventTarget | null;
  /** Fires `visibilitychange`. Default `globalThis.document`; `null` for none. */
  visibilityEvents?: OutboxEventTarget | null;
  /** Also look for work every this many ms (items added by other tabs, expired leases). Default 30 s; 0 for never. */
  pollMs?: number;
  /** How long a sent item stays listed (as `sent`) before it is deleted from the device. Default 24 h. */
  retainSentMs?: number;
  /** Flush once at start-up. Default true. */
  autoStart?: boolean;
  /** For tests. */
  now?: () => number;
  /** For tests: the jitter source. */
  random?: () => number;
}

/**
 * What the whole outbox is doing, for a badge or banner. `phase`: `idle` (nothing to send),
 * `sending`, `waiting` (a retry is scheduled at `nextAttemptAt`, or another tab is sending),
 * `offline` (waiting for the network), `paused` (the service answered 401: sign in again, then
 * `flush()`).
 *
 * @example
 * ```ts
 * outbox.state$.subscribe((s) => { badge.hidden = s.queued + s.sending === 0; });
 * ```
 */
export interface OutboxState {
  phase: 'idle' | 'sending' | 'waiting' | 'offline' | 'paused';
  online: boolean;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  nextAttemptAt?: number | undefined;
  /** Why the queue is waiting (network, 5xx, 401 …). */
  lastError?: OutboxFailure | undefined;
}

/**
 * Every item (in queue order) and the outbox's state, as `subscribe` delivers them.
 *
 * @example
 * ```ts
 * const { items, state } = outbox.snapshot();
 * ```
 */
export interface OutboxSnapshot {
  items: readonly OutboxItem[];
  state: OutboxState;
}

/**
 * The offline outbox: complaints and survey answers saved on the device and sent, in order and
 * exactly once, when the network allows.
 *
 * @example
 * ```ts
 * const item = await outbox.add('complaint', input); // durable now: tell the user "已保存，联网后自动提交"
 * outbox.item$(item.id).subscribe((i) => render(i?.state));
 * ```
 */
export interface Outbox {
  /**
   * Validates `payload` (throws `OutboxValidationError` with the field errors: nothing is saved),
   * saves it with a new id that is also its `Idempotency-Key`, and resolves once it is durable.
   * Pass `{ id }` (from `newId()`, taken when the entry started) to make adding idempotent too: if an
   * item with that id is already on the device it is returned and nothing new is saved, so a double
   * tap, or a resubmit after a reload, queues one item and the service registers one complaint.
   */
  add<K extends OutboxKind>(kind: K, payload: OutboxPayloadInput[K], options?: { id?: string | undefined }): Promise<OutboxItemOf<K>>;
  /**
   * A new item id (a time-ordered UUIDv7, the future `Idempotency-Key`) to hold from when an entry
   * starts and give to `add(…, { id })`.
   *
   * @example
   * ```ts
   * const entryKey = outbox.newId(); // when the customer starts typing
   * await outbox.add('complaint', input, { id: entryKey }); // on every tap: one item
   * ```
   */
  newId(): string;
  /** Sends what is queued now, ignoring backoff (the user asked). Resolves when this pass ends; never rejects. */
  flush(): Promise<void>;
  /** Every item, read from storage, in queue order. */
  list(): Promise<OutboxItem[]>;
  /**
   * Queues a failed item again. With `payload` (the user fixed it) the item is replaced by a new
   * one with a new id and key: a changed request must not reuse the old key.
   */
  retry<K extends OutboxKind>(id: string, payload?: OutboxPayloadInput[K]): Promise<OutboxItem>;
  /** Deletes an item that is not being sent (a draft the user discards, a failure they dismiss). */
  remove(id: string): Promise<void>;
  /** Calls `listener` now and after every change. Returns the unsubscribe. */
  subscribe(listener: (snapshot: OutboxSnapshot) => void): () => void;
  /** The last snapshot, without reading storage. */
  snapshot(): OutboxSnapshot;
  /** Every item in queue order; replays the current list. Completes on `close()`. */
  readonly items$: Observable<readonly OutboxItem[]>;
  /** The outbox's state; replays the current one. Completes on `close()`. */
  readonly state$: Observable<OutboxState>;
  /** One item as it changes (queued → sending → sent, or failed); `undefined` once removed. */
  item$(id: string): Observable<OutboxItem | undefined>;
  /** Stops triggers and timers, aborts a request under way (the item stays queued with its key), releases the lock. */
  close(): Promise<void>;
}

const PENDING = new Set<OutboxItem['state']>(['queued', 'sending']);
const LOCK_RETRY_MS = 2_000;

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
  const { client, storage, retry = {}, pollMs = 30_000, retainSentMs = 86_400_000, now = Date.now, random = Math.random } = options;
  const g = globalThis as { navigator?: { onLine?: boolean }; document?: OutboxEventTarget; addEventListener?: unknown };
  const isOnline = options.isOnline ?? (() => g.navigator?.onLine !== false);
  const lock = options.lock ?? storage.createLock?.() ?? createLeaseLock(new MemoryLeaseStore());
  const onlineEvents = options.onlineEvents === undefined ? (typeof g.addEventListener === 'function' ? (g as OutboxEventTarget) : null) : options.onlineEvents;
  const visibilityEvents = options.visibilityEvents === undefined ? (g.document ?? null) : options.visibilityEvents;

  let items: OutboxItem[] = [];
  let sendingId: string | undefined;
  let paused = false;
  let nextAttemptAt: number | undefined;
  let lastError: OutboxFailure | undefined;
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let force = false;
  let storageFailures = 0;
  let inFlight: AbortController | undefined;
  let wake: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Set<(s: OutboxSnapshot) => void>();
  const closers = new Set<() => void>();

  const stateOf = (): OutboxState => {
    const count = (s: OutboxItem['state']) => items.filter((i) => i.state === s).length;
    const online = isOnline();
    const pending = count('queued') + count('sending');
    const phase: OutboxState['phase'] = sendingId ? 'sending' : pending === 0 ? 'idle' : paused ? 'paused' : online ? 'waiting' : 'offline';
    const waiting = pending > 0 && !sendingId;
    return {
      phase,
      online,
      queued: count('queued'),
      sending: count('sending'),
      sent: count('sent'),
      failed: count('failed'),
      nextAttemptAt: waiting ? nextAttemptAt : undefined,
      lastError: pending > 0 ? lastError : undefined,
    };
  };
  let current: OutboxSnapshot = { items, state: stateOf() };
  const emit = () => {
    current = { items, state: stateOf() };
    for (const l of [...listeners]) l(current);
  };
  const hub: Hub<OutboxSnapshot> = {
    current: () => current,
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    onClose(fn) {
      closers.add(fn);
      return () => closers.delete(fn);
    },
  };

  const byId = (a: OutboxItem, b: OutboxItem) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const refresh = async (): Promise<OutboxItem[]> => {
    items = (await storage.list()).sort(byId);
    emit();
    return items;
  };
  const save = async (item: OutboxItem): Promise<void> => {
    await storage.put(item);
    items = [...items.filter((i) => i.id !== item.id), item].sort(byId);
    emit();
  };
  const drop = async (id: string): Promise<void> => {
    await storage.delete(id);
    items = items.filter((i) => i.id !== id);
    emit();
  };
  const ready = refresh().catch(() => items);

  const schedule = (at: number) => {
    if (closed) return;
    if (wake) clearTimeout(wake);
    nextAttemptAt = at;
    wake = unrefTimer(setTimeout(() => void run(false), Math.max(0, at - now())));
  };

  const send = (item: OutboxItem, signal: AbortSignal): Promise<unknown> =>
    item.kind === 'complaint'
      ? client.complaints.create(item.payload, { idempotencyKey: item.id, signal })
      : client.complaints.followUp(item.payload.complaintId, item.payload.answer, { idempotencyKey: item.id, signal });

  /** Sends one item; says whether the pass may go on to the next. */
  const sendOne = async (item: OutboxItem): Promise<boolean> => {
    const sending: OutboxItem = { ...item, state: 'sending', attempts: item.attempts + 1, updatedAt: now() };
    await save(sending);
    const ac = new AbortController();
    inFlight = ac;
    sendingId = item.id;
    emit();
    try {
      const answer = await send(sending, ac.signal);
      const id = (answer as { id?: unknown } | null)?.id;
      const complaintId = typeof id === 'string' ? id : sending.kind === 'survey' ? sending.payload.complaintId : undefined;
      const t = now();
      const sent: OutboxItem = { ...sending, state: 'sent', updatedAt: t, sentAt: t, lastError: undefined, failure: undefined, result: complaintId ? { complaintId } : undefined };
      await save(sent);
      if (retainSentMs <= 0) await drop(sent.id);
      lastError = undefined;
      paused = false;
      return true;
    } catch (error) {
      if (ac.signal.aborted) {
        // Closed mid-request: the service may have it; the next outbox resends with the same key.
        await save({ ...sending, state: 'queued', updatedAt: now() });
        return false;
      }
      const verdict = classifySendError(error);
      const t = now();
      if (verdict.action === 'park') {
        await save({ ...sending, state: 'failed', updatedAt: t, failure: verdict.failure, lastError: undefined });
        return true;
      }
      const at = t + outboxRetryDelay(sending.attempts, retry, random, verdict.retryAfterMs);
      lastError = verdict.failure;
      paused = verdict.action === 'pause';
      await save({ ...sending, state: 'queued', updatedAt: t, nextAttemptAt: at, lastError: verdict.failure });
      schedule(at);
      return false;
    } finally {
      inFlight = undefined;
      sendingId = undefined;
    }
  };

  const pass = async (forced: boolean, held: HeldLock): Promise<void> => {
    while (!closed) {
      await refresh();
      const t = now();
      const head = items.find((i) => PENDING.has(i.state));
      if (!head) {
        nextAttemptAt = undefined;
        return;
      }
      if (!forced && head.nextAttemptAt > t) return schedule(head.nextAttemptAt);
      if (!isOnline()) return;
      if (!(await held.renew())) return schedule(t + LOCK_RETRY_MS);
      const fresh = await storage.get(head.id);
      if (!fresh || !PENDING.has(fresh.state)) continue;
      nextAttemptAt = undefined;
      forced = false;
      if (!(await sendOne(fresh))) return;
    }
  };

  const runOnce = async (): Promise<void> => {
    const forced = force;
    force = false;
    await refresh();
    const t = now();
    for (const old of items.filter((i) => i.state === 'sent' && (i.sentAt ?? 0) + retainSentMs <= t)) await drop(old.id);
    if (!items.some((i) => PENDING.has(i.state)) || !isOnline()) return;
    const held = await lock.acquire();
    if (!held) return schedule(now() + LOCK_RETRY_MS);
    const renewer = unrefTimer(setInterval(() => void held.renew().catch(() => false), 3_000));
    try {
      await pass(forced, held);
    } finally {
      clearInterval(renewer);
      await held.release().catch(() => undefined);
    }
  };

  /**
   * Starts a pass, or joins the one under way and asks for another after it. `forced` skips the
   * backoff; for a pass already under way only the `online` event forces the next one (a `flush()`
   * during a failing attempt must not make a second attempt straight after it).
   */
  const run = (forced: boolean, forceNext = false): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      if (forceNext) force = true;
      return running;
    }
    if (forced) force = true;
    running = (async () => {
      do {
        again = false;
        try {
          await runOnce();
          storageFailures = 0;
        } catch (error) {
          // The storage failed (the request outcome is never lost: the item keeps its key).
          storageFailures++;
          lastError = { code: 'storage_failed', message: new OutboxStorageError('Sending paused', error).message };
          schedule(now() + outboxRetryDelay(storageFailures, retry, random));
        }
      } while (again && !closed);
    })().finally(() => {
      running = undefined;
      emit();
    });
    return running;
  };

  const makeItem = <K extends OutboxKind>(kind: K, payload: OutboxPayloadInput[K], id?: string): OutboxItemOf<K> => {
    const valid = validatePayload(kind, payload);
    const t = now();
    const newest = items[items.length - 1]?.id;
    return { id: id ?? outboxId(newest), kind, payload: valid, state: 'queued', createdAt: t, updatedAt: t, attempts: 0, nextAttemptAt: 0 };
  };
  const durably = async (what: string, write: () => Promise<void>) => {
    try {
      await write();
    } catch (error) {
      throw new OutboxStorageError(what, error);
    }
  };

  const offs = [
    listen(onlineEvents, 'online', () => void run(true, true)),
    listen(onlineEvents, 'offline', emit),
    listen(visibilityEvents, 'visibilitychange', () => {
      if (visibilityEvents?.visibilityState !== 'hidden') void run(true);
    }),
  ];
  // Another tab changed the items (added one, sent one): look again soon, once for a burst.
  let nudge: ReturnType<typeof setTimeout> | undefined;
  offs.push(
    storage.watch?.(() => {
      if (closed || nudge) return;
      nudge = unrefTimer(
        setTimeout(() => {
          nudge = undefined;
          void run(false);
        }, 25),
      );
    }) ?? (() => undefined),
    () => nudge && clearTimeout(nudge),
  );
  const poller = pollMs > 0 ? unrefTimer(setInterval(() => void run(false), pollMs)) : undefined;
  if (options.autoStart !== false) void ready.then(() => run(true));

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
      await durably('Not saved', () => save(item as OutboxItem));
      void run(false);
      return item;
    },
    newId: () => outboxId(items[items.length - 1]?.id),
    flush: () => run(true),
    list: async () => (await storage.list()).sort(byId),
    async retry(id, payload) {
      if (closed) throw new OutboxClosedError();
      const item = await storage.get(id);
      if (!item) throw new OutboxItemError('item_not_found');
      if (item.state !== 'failed') throw new OutboxItemError('item_not_failed');
      let next: OutboxItem;
      if (payload === undefined) {
        next = { ...item, state: 'queued', failure: undefined, nextAttemptAt: 0, updatedAt: now() };
        await durably('Not queued again', () => save(next));
      } else {
        next = makeItem(item.kind, payload as OutboxPayloadInput[typeof item.kind]) as OutboxItem;
        await durably('Not queued again', async () => {
          await save(next);
          await drop(item.id);
        });
      }
      void run(true);
      return next;
    },
    async remove(id) {
      const item = await storage.get(id);
      if (!item) throw new OutboxItemError('item_not_found');
      if (item.state === 'sending' && sendingId === id) throw new OutboxItemError('item_sending');
      await durably('Not removed', () => drop(id));
    },
    subscribe(listener) {
      listener(current);
      return hub.listen(listener);
    },
    snapshot: () => current,
    items$: observe(hub, (s) => s.items),
    state$: observe(hub, (s) => s.state),
    item$: (id) => observe(hub, (s) => s.items.find((i) => i.id === id)),
    async close() {
      if (closed) return;
      closed = true;
      for (const off of offs) off();
      if (poller) clearInterval(poller);
      if (wake) clearTimeout(wake);
      inFlight?.abort();
      await running?.catch(() => undefined);
      for (const c of [...closers]) c();
      listeners.clear();
    },
  };
}
