import type { OutboxFailure, OutboxItem, OutboxState } from './types.js';

/** @internal What the queue knows besides its items: the item being sent, why it waits and until when. */
export interface QueueStatus {
  /** The item a request is under way for. */
  sendingId?: string | undefined;
  /** The service answered 401: nothing is sent until a `flush()` (after signing in again) succeeds. */
  paused: boolean;
  /** When the scheduled retry fires. */
  nextAttemptAt?: number | undefined;
  /** Why the queue waits (network, 5xx, 401, storage …). */
  lastError?: OutboxFailure | undefined;
}

/** @internal Whether an item still waits to be sent (`queued`, or `sending` when the app stopped mid-request). */
export function isPending(item: OutboxItem): boolean {
  return item.state === 'queued' || item.state === 'sending';
}

/**
 * @internal The outbox's state for a badge or banner, from its items, its status and whether the
 * device is online: `sending` while a request is under way, `idle` with nothing pending, else
 * `paused` (401), `waiting` (online: a retry or another tab) or `offline`.
 */
export function outboxState(items: readonly OutboxItem[], status: QueueStatus, online: boolean): OutboxState {
  const count = (s: OutboxItem['state']) => items.filter((i) => i.state === s).length;
  const pending = count('queued') + count('sending');
  const phase: OutboxState['phase'] = status.sendingId ? 'sending' : pending === 0 ? 'idle' : status.paused ? 'paused' : online ? 'waiting' : 'offline';
  const waiting = pending > 0 && !status.sendingId;
  return {
    phase,
    online,
    queued: count('queued'),
    sending: count('sending'),
    sent: count('sent'),
    failed: count('failed'),
    nextAttemptAt: waiting ? status.nextAttemptAt : undefined,
    lastError: pending > 0 ? status.lastError : undefined,
  };
}
