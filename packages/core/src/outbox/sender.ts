import { outboxRetryDelay } from './backoff.js';
import { classifySendError } from './classify.js';
import type { OutboxQueue } from './queue.js';
import type { ResolvedOutboxOptions } from './options.js';
import type { OutboxClient, OutboxItem } from './types.js';

/** @internal After one item: go on to the next, or stop the pass (and retry at `retryAt`, if set). */
export type SendOutcome = { goOn: true } | { goOn: false; retryAt?: number | undefined };

/** @internal Sends one item at a time; `abort()` stops the request under way (the item stays queued with its key). */
export interface Sender {
  send(item: OutboxItem): Promise<SendOutcome>;
  abort(): void;
}

/** @internal What the sender needs of the outbox's options (`retainSentMs` 0 or less: a sent item is deleted at once). */
export type SenderOptions = Pick<ResolvedOutboxOptions, 'client' | 'retry' | 'retainSentMs' | 'now' | 'random'>;

/** @internal The one request an item stands for, keyed by the item's id. */
function request(client: OutboxClient, item: OutboxItem, signal: AbortSignal): Promise<unknown> {
  return item.kind === 'complaint'
    ? client.complaints.create(item.payload, { idempotencyKey: item.id, signal })
    : client.complaints.followUp(item.payload.complaintId, item.payload.answer, { idempotencyKey: item.id, signal });
}

/**
 * @internal Sends an item and records the outcome on the device: `sent` (with the complaint's
 * number), back to `queued` with a retry time (retryable error; a 401 also pauses the queue), or
 * `failed` (any other refusal, and the next item goes).
 */
export function createSender({ client, retry, retainSentMs, now, random }: SenderOptions, queue: OutboxQueue): Sender {
  let inFlight: AbortController | undefined;

  return {
    abort: () => inFlight?.abort(),
    async send(item) {
      const sending: OutboxItem = { ...item, state: 'sending', attempts: item.attempts + 1, updatedAt: now() };
      await queue.save(sending);
      const ac = new AbortController();
      inFlight = ac;
      queue.status.sendingId = item.id;
      queue.emit();
      try {
        const answer = await request(client, sending, ac.signal);
        const id = (answer as { id?: unknown } | null)?.id;
        const complaintId = typeof id === 'string' ? id : sending.kind === 'survey' ? sending.payload.complaintId : undefined;
        const t = now();
        await queue.save({ ...sending, state: 'sent', updatedAt: t, sentAt: t, lastError: undefined, failure: undefined, result: complaintId ? { complaintId } : undefined });
        if (retainSentMs <= 0) await queue.drop(sending.id);
        queue.status.lastError = undefined;
        queue.status.paused = false;
        return { goOn: true };
      } catch (error) {
        if (ac.signal.aborted) {
          // Closed mid-request: the service may have it; the next outbox resends with the same key.
          await queue.save({ ...sending, state: 'queued', updatedAt: now() });
          return { goOn: false };
        }
        const verdict = classifySendError(error);
        const t = now();
        if (verdict.action === 'park') {
          await queue.save({ ...sending, state: 'failed', updatedAt: t, failure: verdict.failure, lastError: undefined });
          return { goOn: true };
        }
        const retryAt = t + outboxRetryDelay(sending.attempts, retry, random, verdict.retryAfterMs);
        queue.status.lastError = verdict.failure;
        queue.status.paused = verdict.action === 'pause';
        await queue.save({ ...sending, state: 'queued', updatedAt: t, nextAttemptAt: retryAt, lastError: verdict.failure });
        return { goOn: false, retryAt };
      } finally {
        inFlight = undefined;
        queue.status.sendingId = undefined;
      }
    },
  };
}
