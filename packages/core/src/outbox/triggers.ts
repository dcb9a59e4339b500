import type { ResolvedOutboxOptions } from './options.js';
import type { OutboxEventTarget } from './types.js';

/** @internal listens to `type` on `target` (if any); returns the undo. */
export function listen(target: OutboxEventTarget | null | undefined, type: string, fn: () => void): () => void {
  if (!target || typeof target.addEventListener !== 'function') return () => undefined;
  target.addEventListener(type, fn);
  return () => target.removeEventListener(type, fn);
}

/** @internal a timer that does not keep a Node process alive. */
export function unrefTimer<T>(t: T): T {
  (t as { unref?: () => void }).unref?.();
  return t;
}

/** @internal Where the triggers come from: the event targets, the storage (watched for other tabs' changes, if it can be) and the poll interval (0 for never). */
export type TriggerSources = Pick<ResolvedOutboxOptions, 'onlineEvents' | 'visibilityEvents' | 'storage' | 'pollMs'>;

/**
 * @internal Starts what makes the outbox look for work: `online` (forces a pass, and the next one),
 * the page becoming visible (forces a pass), `offline` (new state), other tabs' changes (one pass
 * soon for a burst of them) and the poll timer. `run` starts a pass (see `Scheduler.run`); `emit` re-renders the state. Returns the stop.
 */
export function startTriggers(s: TriggerSources, run: (forced: boolean, forceNext?: boolean) => void, emit: () => void): () => void {
  let nudge: ReturnType<typeof setTimeout> | undefined;
  const offs = [
    listen(s.onlineEvents, 'online', () => run(true, true)),
    listen(s.onlineEvents, 'offline', emit),
    listen(s.visibilityEvents, 'visibilitychange', () => {
      if (s.visibilityEvents?.visibilityState !== 'hidden') run(true);
    }),
    // Another tab changed the items (added one, sent one): look again soon, once for a burst.
    s.storage.watch?.(() => {
      if (nudge) return;
      nudge = unrefTimer(
        setTimeout(() => {
          nudge = undefined;
          run(false);
        }, 25),
      );
    }) ?? (() => undefined),
  ];
  const poller = s.pollMs > 0 ? unrefTimer(setInterval(() => run(false), s.pollMs)) : undefined;
  return () => {
    for (const off of offs) off();
    if (nudge) clearTimeout(nudge);
    if (poller) clearInterval(poller);
  };
}
