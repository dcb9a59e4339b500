import { evaluateRules } from '../alerts/evaluate.js';
import type { Logger } from '../http/logger.js';
import type { Store } from '../store/store.js';

/** How often the service evaluates every early-warning rule by default: every 5 minutes. @example `startServer({ port: 0, dataDir, alertEveryMs: DEFAULT_ALERT_EVERY_MS });` */
export const DEFAULT_ALERT_EVERY_MS = 5 * 60_000;

/**
 * Evaluates every enabled early-warning rule on a schedule (and once at start); opened and resolved
 * alerts go out on the event stream. Returns the function that stops it.
 *
 * @example
 * ```ts
 * const stop = startAlertEvaluation({ store, now: Date.now, everyMs: 300_000, logger });
 * ```
 */
export function startAlertEvaluation(o: { store: Store; now: () => number; everyMs: number; logger?: Logger | undefined }): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    evaluateRules(o.store, { now: o.now() })
      .then(
        (r) => {
          if (r.opened.length + r.resolved.length > 0) o.logger?.info({ msg: 'alert rules evaluated', rules: r.rules, opened: r.opened.length, resolved: r.resolved.length });
        },
        (e: unknown) => o.logger?.error({ msg: 'alert evaluation failed', error: e instanceof Error ? e.message : 'unknown' }),
      )
      .finally(() => {
        running = false;
      });
  };
  run();
  const timer = setInterval(run, o.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
