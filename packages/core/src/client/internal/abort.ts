/**
 * @internal Links a caller's signal and a per-attempt timeout into one controller without
 * `AbortSignal.any` (missing in iOS WebViews before 17.4). `timedOut()` tells a timeout from a
 * caller's abort; `done()` removes the listener and the timer.
 */
export function attemptSignal(caller: AbortSignal | undefined, timeoutMs: number | false) {
  const controller = new AbortController();
  let timedOut = false;
  const onAbort = () => controller.abort(caller?.reason);
  if (caller?.aborted) controller.abort(caller.reason);
  else caller?.addEventListener('abort', onAbort, { once: true });
  const timer =
    timeoutMs === false
      ? undefined
      : setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutMs);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clearTimer: () => {
      if (timer !== undefined) clearTimeout(timer);
    },
    done: () => {
      if (timer !== undefined) clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}
