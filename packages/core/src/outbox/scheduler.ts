import { outboxRetryDelay } from './backoff.js';
import { OutboxStorageError } from './errors.js';
import { withLock } from './hold-lock.js';
import type { OutboxQueue } from './queue.js';
import type { Sender } from './sender.js';
import { isPending } from './state.js';
import { unrefTimer } from './triggers.js';
import type { ResolvedOutboxOptions } from './options.js';
import type { HeldLock } from './types.js';

/** @internal How long to wait before trying again for a lock another outbox holds. */
const LOCK_RETRY_MS = 2_000;

/**
 * @internal Decides when the outbox sends: one pass at a time (a trigger during a pass asks for one
 * more after it), through the items in order, under the lock, until the queue is empty, offline, or
 * an item has to wait; then a timer for the next retry.
 */
export interface Scheduler {
  /**
   * Starts a pass, or joins the one under way and asks for another after it. `forced` skips the
   * backoff; for a pass already under way only `forceNext` (the `online` event) forces the next one
   * (a `flush()` during a failing attempt must not make a second attempt straight after it).
   */
  run(forced: boolean, forceNext?: boolean): Promise<void>;
  /** Stops the timer, aborts the request under way and waits for the pass to end. */
  close(): Promise<void>;
}

/** @internal What the scheduler needs of the outbox's options. */
export type SchedulerOptions = Pick<ResolvedOutboxOptions, 'storage' | 'lock' | 'isOnline' | 'retry' | 'retainSentMs' | 'now' | 'random'>;

/** @internal The scheduler of one outbox. */
export function createScheduler(o: SchedulerOptions, queue: OutboxQueue, sender: Sender): Scheduler {
  const { storage, lock, isOnline, now } = o;
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let force = false;
  let storageFailures = 0;
  let wake: ReturnType<typeof setTimeout> | undefined;

  const schedule = (at: number) => {
    if (closed) return;
    if (wake) clearTimeout(wake);
    queue.status.nextAttemptAt = at;
    wake = unrefTimer(setTimeout(() => void run(false), Math.max(0, at - now())));
  };

  /** Sends the pending items in order while it may. */
  const pass = async (forced: boolean, held: HeldLock): Promise<void> => {
    while (!closed) {
      const items = await queue.refresh();
      const t = now();
      const head = items.find(isPending);
      if (!head) {
        queue.status.nextAttemptAt = undefined;
        return;
      }
      if (!forced && head.nextAttemptAt > t) return schedule(head.nextAttemptAt);
      if (!isOnline()) return;
      if (!(await held.renew())) return schedule(t + LOCK_RETRY_MS);
      // Another tab may have sent it since the list was read.
      const fresh = await storage.get(head.id);
      if (!fresh || !isPending(fresh)) continue;
      queue.status.nextAttemptAt = undefined;
      forced = false;
      const outcome = await sender.send(fresh);
      if (!outcome.goOn) {
        if (outcome.retryAt !== undefined) schedule(outcome.retryAt);
        return;
      }
    }
  };

  const runOnce = async (): Promise<void> => {
    const forced = force;
    force = false;
    const items = await queue.refresh();
    await queue.pruneSent(now(), o.retainSentMs);
    if (!items.some(isPending) || !isOnline()) return;
    if (!(await withLock(lock, (held) => pass(forced, held)))) schedule(now() + LOCK_RETRY_MS);
  };

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
          queue.status.lastError = { code: 'storage_failed', message: new OutboxStorageError('Sending paused', error).message };
          schedule(now() + outboxRetryDelay(storageFailures, o.retry, o.random));
        }
      } while (again && !closed);
    })().finally(() => {
      running = undefined;
      queue.emit();
    });
    return running;
  };

  return {
    run,
    async close() {
      closed = true;
      if (wake) clearTimeout(wake);
      sender.abort();
      await running?.catch(() => undefined);
    },
  };
}
