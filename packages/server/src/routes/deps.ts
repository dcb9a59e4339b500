import type { ClockOptions } from '@complaintkit/core/domain';
import type { Logger } from '../http/logger.js';
import type { Store } from '../store/store.js';

/**
 * What the routes need: the store, the token secret, a clock, a logger and a signal that fires when
 * the server closes (to end event streams).
 *
 * @example
 * ```ts
 * const app = createApp({ store, jwtSecret: secret, now: () => Date.now(), logger: jsonLogger() });
 * ```
 */
export interface AppDeps {
  readonly store: Store;
  readonly jwtSecret: string;
  /** Injectable now (epoch ms), used for timestamps and for overdue / due soon. */
  readonly now?: (() => number) | undefined;
  readonly logger?: Logger | undefined;
  /** Holiday calendar and clock policy for the deadlines (core's defaults when omitted). */
  readonly clock?: Omit<ClockOptions, 'now'> | undefined;
  /** Fires when the server shuts down: open event streams end. */
  readonly closing?: AbortSignal | undefined;
  /** A folder served at `/examples/`. */
  readonly staticDir?: string | undefined;
  /** Receives the promise of each running event stream, so a shutdown can wait for them. */
  readonly track?: ((running: Promise<void>) => void) | undefined;
  /** How often an event stream polls the events table (ms); default 250. */
  readonly pollMs?: number | undefined;
}

/**
 * The dependencies with every default filled in.
 *
 * @example
 * ```ts
 * const d = withDefaults(deps);
 * d.now();
 * ```
 */
export type ResolvedDeps = Required<Pick<AppDeps, 'store' | 'jwtSecret' | 'now' | 'logger' | 'closing' | 'pollMs' | 'track'>> &
  Pick<AppDeps, 'clock' | 'staticDir'>;
