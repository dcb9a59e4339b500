import type { Observable } from 'rxjs';
import type { ActionBody, ActionInput } from '../domain/schemas/actions.js';
import type { ComplaintCreate, ComplaintCreateInput } from '../domain/schemas/complaint.js';

/**
 * What the outbox can queue: a complaint registration, or a satisfaction-survey answer (the
 * `follow_up` action on a complaint the service already has).
 *
 * @example
 * ```ts
 * const kind: OutboxKind = 'survey';
 * ```
 */
export type OutboxKind = 'complaint' | 'survey';

/**
 * A survey answer as queued: which complaint, and the `follow_up` body.
 *
 * @example
 * ```ts
 * const a: SurveyAnswerInput = { complaintId: 'CK20260301-000042', answer: { reached: true, satisfaction: 5 } };
 * ```
 */
export interface SurveyAnswerInput {
  complaintId: string;
  answer: ActionInput<'follow_up'>;
}

/**
 * A survey answer after validation (what is stored and sent).
 *
 * @example
 * ```ts
 * const a: SurveyAnswer = { complaintId: 'CK20260301-000042', answer: { reached: true, satisfaction: 4 } };
 * ```
 */
export interface SurveyAnswer {
  complaintId: string;
  answer: ActionBody<'follow_up'>;
}

/**
 * What `add(kind, payload)` takes for each kind.
 *
 * @example
 * ```ts
 * const p: OutboxPayloadInput['survey'] = { complaintId: 'CK20260301-000042', answer: { reached: false } };
 * ```
 */
export interface OutboxPayloadInput {
  complaint: ComplaintCreateInput;
  survey: SurveyAnswerInput;
}

/**
 * The validated payload stored for each kind.
 *
 * @example
 * ```ts
 * const p: OutboxPayload['complaint'] = item.payload as OutboxPayload['complaint'];
 * ```
 */
export interface OutboxPayload {
  complaint: ComplaintCreate;
  survey: SurveyAnswer;
}

/**
 * Where an item is in its life: `queued` (saved on the device, waiting; for a complaint this is the
 * on-device `draft`), `sending` (a request is under way, or was when the app stopped), `sent` (the
 * service has it), `failed` (the service refused it with a 4xx; see `failure`).
 *
 * @example
 * ```ts
 * const label: Record<OutboxItemState, string> = { queued: '已保存，联网后自动提交', sending: '正在提交…', sent: '已提交', failed: '提交失败' };
 * ```
 */
export type OutboxItemState = 'queued' | 'sending' | 'sent' | 'failed';

/**
 * Why a request did not go through. `message` is safe to show (it never holds personal data);
 * `fields` names each bad field of a validation failure.
 *
 * @example
 * ```ts
 * const f: OutboxFailure = { status: 400, code: 'validation_failed', message: 'The service refused the request as invalid.', fields: [{ path: 'description', message: 'Too long' }] };
 * ```
 */
export interface OutboxFailure {
  /** HTTP status, or `undefined` when no answer arrived. */
  status?: number | undefined;
  code: string;
  message: string;
  fields?: { path: string; message: string }[] | undefined;
}

/**
 * One queued item, exactly as stored (plain JSON). `id` is the `Idempotency-Key` every attempt
 * carries: made once when the item is saved, never when it is sent.
 *
 * @example
 * ```ts
 * const item: OutboxItem = await outbox.add('survey', { complaintId: 'CK20260301-000042', answer: { reached: true, satisfaction: 5 } });
 * console.log(item.id, item.state); // '0192…', 'queued'
 * ```
 */
export type OutboxItem = { [K in OutboxKind]: OutboxItemOf<K> }[OutboxKind];

/**
 * An item of one kind.
 *
 * @example
 * ```ts
 * const drafts = (await outbox.list()).filter((i): i is OutboxItemOf<'complaint'> => i.kind === 'complaint');
 * ```
 */
export interface OutboxItemOf<K extends OutboxKind> {
  /** UUIDv7, time-ordered: the queue order and the `Idempotency-Key`. */
  id: string;
  kind: K;
  payload: OutboxPayload[K];
  state: OutboxItemState;
  /** Epoch milliseconds when it was saved on the device. */
  createdAt: number;
  /** Epoch milliseconds of the last change of state. */
  updatedAt: number;
  /** Requests made so far. */
  attempts: number;
  /** Epoch milliseconds before which no retry is made (after a retryable error). */
  nextAttemptAt: number;
  /** Why the last attempt did not go through, while the item waits for a retry. */
  lastError?: OutboxFailure | undefined;
  /** For `failed`: why the service refused it. */
  failure?: OutboxFailure | undefined;
  /** For `sent`: the complaint's number at the service. */
  result?: { complaintId: string } | undefined;
  /** For `sent`: epoch milliseconds when the service's answer arrived. */
  sentAt?: number | undefined;
}

/**
 * The part of the ComplaintKit client the outbox uses. The real client fits it; errors it throws
 * carry `retryable`, `status`, `code` and a `message` safe to show.
 *
 * @example
 * ```ts
 * const client: OutboxClient = createComplaintClient({ baseUrl, token });
 * ```
 */
export interface OutboxClient {
  complaints: {
    create(input: ComplaintCreateInput, opts: { idempotencyKey: string; signal?: AbortSignal }): Promise<unknown>;
    followUp(id: string, body: ActionInput<'follow_up'>, opts: { idempotencyKey: string; signal?: AbortSignal }): Promise<unknown>;
  };
}

/**
 * Where items live. Small and async so memory, `localStorage`, IndexedDB and a file all fit.
 * `put` resolves only once the item is durable. `list` returns every item (the outbox sorts them
 * by id). `createLock` gives the default lock for outboxes sharing this storage; `watch` lets an
 * outbox see other tabs' changes at once instead of at its next poll.
 *
 * @example
 * ```ts
 * const storage: OutboxStorage = new MemoryStorage();
 * await storage.put(item);
 * ```
 */
export interface OutboxStorage {
  get(id: string): Promise<OutboxItem | undefined>;
  put(item: OutboxItem): Promise<void>;
  delete(id: string): Promise<void>;
  list(): Promise<OutboxItem[]>;
  /** The lock that keeps two outboxes on this storage from both sending. */
  createLock?(): OutboxLock;
  /** Calls `onChange` when another tab or outbox may have changed the items. Returns the unsubscribe. */
  watch?(onChange: () => void): () => void;
}

/**
 * Mutual exclusion between outboxes sharing a storage (tabs, app instances, processes). `acquire`
 * never waits: it resolves to `null` when another outbox holds the lock.
 *
 * @example
 * ```ts
 * const held = await lock.acquire();
 * if (held) try { if (await held.renew()) await send(); } finally { await held.release(); }
 * ```
 */
export interface OutboxLock {
  acquire(): Promise<HeldLock | null>;
}

/**
 * A lock while it is held. `renew` extends a lease and says whether it is still ours (a lease taken
 * over after it expired is not); the outbox checks it before every send.
 *
 * @example
 * ```ts
 * if (!(await held.renew())) return; // someone else sends now
 * ```
 */
export interface HeldLock {
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

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

/**
 * Retry timing: exponential from `baseMs` by `factor`, capped at `maxMs`, with jitter so that many
 * devices coming back online at once do not all send in the same second.
 *
 * @example
 * ```ts
 * const r: OutboxRetryOptions = { baseMs: 2000, maxMs: 5 * 60_000 };
 * ```
 */
export interface OutboxRetryOptions {
  /** First wait, ms. Default 1000. */
  baseMs?: number;
  /** Longest wait, ms. Default 5 minutes. */
  maxMs?: number;
  /** Growth per attempt. Default 2. */
  factor?: number;
}

/**
 * Something that fires `online` / `offline` events (a `window`), or `visibilitychange` (a `document`).
 *
 * @example
 * ```ts
 * const target: OutboxEventTarget = window;
 * ```
 */
export interface OutboxEventTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  /** For a document: `'visible'` or `'hidden'`. */
  readonly visibilityState?: string;
}
