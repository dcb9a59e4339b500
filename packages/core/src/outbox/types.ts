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
