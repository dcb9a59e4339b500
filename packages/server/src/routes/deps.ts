import type { ClockOptions } from '@complaintkit/core/domain';
import type { IdentityHasher } from '@complaintkit/core/node';
import type { EventFeed } from '../events/feed.js';
import type { StreamSlots } from '../events/stream-slots.js';
import type { Turns } from '../events/turns.js';
import type { DateBounds } from '../http/date-bounds.js';
import type { Limits } from '../http/limits.js';
import type { InFlight } from '../http/in-flight.js';
import type { Logger } from '../http/logger.js';
import type { Store } from '../store/store.js';
import type { ReadinessCheck } from './health.js';
import type { Suggester } from '../suggest/service/suggester.js';

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
  /** Keyed hasher of the complainant's phone and ID numbers (`createIdentityHasher`); no hashes without it. */
  readonly hashIdentity?: IdentityHasher | undefined;
  /** Fires when the server shuts down: open event streams end. */
  readonly closing?: AbortSignal | undefined;
  /** A folder served at `/examples/`. */
  readonly staticDir?: string | undefined;
  /** The OpenAPI document's one server URL (`ServerOptions.publicUrl`, checked); else each request's origin. */
  readonly publicUrl?: string | undefined;
  /** Receives the promise of each running event stream, so a shutdown can wait for them. */
  readonly track?: ((running: Promise<void>) => void) | undefined;
  /** How often the event feed polls the events table for other processes' commits (ms); default 250. */
  readonly pollMs?: number | undefined;
  /** Extra checks `GET /readyz` runs beside the database and migrations (e.g. calendar coverage). */
  readonly readinessChecks?: Readonly<Record<string, ReadinessCheck>> | undefined;
  /** The dates the service believes (default: from 2000-01-01 Beijing time to now plus 5 minutes). */
  readonly dateBounds?: Partial<DateBounds> | undefined;
  /** Rate, stream, replay and timeout limits; see {@link Limits} for the defaults. */
  readonly limits?: Partial<Limits> | undefined;
  /** Counts the requests being handled, so a shutdown can let them finish (`startServer` passes its own). */
  readonly inFlight?: InFlight | undefined;
  /** The classification-suggestion model and sensitive-case lexicon (`loadSuggester`); default the shipped ones. */
  readonly suggester?: Suggester | undefined;
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
export type ResolvedDeps = Required<Pick<AppDeps, 'store' | 'jwtSecret' | 'now' | 'logger' | 'closing' | 'pollMs' | 'track' | 'suggester'>> &
  Pick<AppDeps, 'clock' | 'staticDir' | 'hashIdentity' | 'publicUrl'> & {
    readonly limits: Limits;
    readonly dateBounds: DateBounds;
    /** The process's one reader of the events table. */
    readonly feed: EventFeed;
    /** Open event streams, per caller and in total. */
    readonly streams: StreamSlots;
    /** Turns for replay pages: how many streams may read history at once. */
    readonly replayTurns: Turns;
  };
