import { resolve } from 'node:path';
import type { ClockOptions } from '@complaintkit/core/domain';
import type { DateBounds } from './http/date-bounds.js';
import type { Limits } from './http/limits.js';
import type { Logger } from './http/logger.js';
import type { ReadinessCheck } from './routes/health.js';

/**
 * Options of {@link startServer}. Environment fallbacks: `DATABASE_URL` is read by the CLI only;
 * `CK_JWT_SECRET` when `jwtSecret` is not given; `CK_PUBLIC_URL` when `publicUrl` is not given.
 *
 * @example
 * ```ts
 * const options: ServerOptions = { port: 8787, dataDir: './data', seed: 42 };
 * ```
 */
export interface ServerOptions {
  /** TCP port; 0 picks a free one. */
  readonly port: number;
  /** Interface to listen on; default 127.0.0.1. */
  readonly host?: string | undefined;
  /** PostgreSQL connection string; SQLite in `dataDir` when omitted. */
  readonly databaseUrl?: string | undefined;
  /** PostgreSQL connections this process opens at most (default 20; `DATABASE_POOL_SIZE` for the CLI). */
  readonly poolSize?: number | undefined;
  /** PostgreSQL: how long one statement may run (ms, default 30,000; `DATABASE_STATEMENT_TIMEOUT_MS` for the CLI); past it the request answers `503` with `Retry-After`. */
  readonly statementTimeoutMs?: number | undefined;
  /** Folder for the SQLite file and the generated demo JWT secret. */
  readonly dataDir: string;
  /** HS256 signing secret (at least 16 characters); else CK_JWT_SECRET, else generated into dataDir. */
  readonly jwtSecret?: string | undefined;
  /**
   * The bank-held secret of the identity keyed hashes (docs/domain/personal-data.md; at least 16
   * characters); else CK_IDENTITY_SECRET, else generated into dataDir (demo only: a bank sets its own,
   * the same it gives `@complaintkit/tagging`).
   */
  readonly identitySecret?: string | undefined;
  /** The service's one clock (epoch ms): timestamps, deadlines, overdue filters, token expiry, idempotency records. */
  readonly now?: (() => number) | undefined;
  /** A folder served at `/examples/`. */
  readonly staticDir?: string | undefined;
  /**
   * The URL clients reach the service at (behind a proxy or load balancer, e.g.
   * `https://complaints.bank.example`); else CK_PUBLIC_URL. When set, it is the OpenAPI document's only
   * server URL. When neither is set, the document names each request's own origin (its `Host`, never
   * `X-Forwarded-Host` or `X-Forwarded-Proto`, which anyone can send) and is answered with `Vary: Host`
   * and `Cache-Control: no-store`, so no cache hands one reader's document to another.
   */
  readonly publicUrl?: string | undefined;
  /** Seed demo data into an empty database: a PRNG seed, or the generator's options. */
  readonly seed?: number | { seed?: number; months?: number } | undefined;
  readonly logger?: Logger | undefined;
  /**
   * Holiday calendar and clock policy for deadlines. Default calendar: the years core ships (2025,
   * 2026) plus those of `calendarFile`.
   */
  readonly clock?: Omit<ClockOptions, 'now'> | undefined;
  /**
   * A holiday calendar file (JSON, see `HolidayCalendarFile`) adding the years after the release,
   * each citing its State Council notice; else CK_CALENDAR_FILE. A bad file stops the start, naming the
   * line and field. Ignored when `clock.calendar` is given.
   */
  readonly calendarFile?: string | undefined;
  /** Event-stream polling interval (ms); default 250. */
  readonly pollMs?: number | undefined;
  /** Extra checks `GET /readyz` runs beside the database and migrations (e.g. calendar coverage). */
  readonly readinessChecks?: Readonly<Record<string, ReadinessCheck>> | undefined;
  /** The dates the service believes: `earliest` (epoch ms; the bank's start, default 2000-01-01 +08:00) and `skewMs` (default 5 min). */
  readonly dateBounds?: Partial<DateBounds> | undefined;
  /** Rate, stream, replay and timeout limits (`DEFAULT_LIMITS` for what is not given). */
  readonly limits?: Partial<Limits> | undefined;
  /**
   * A classification-suggestion model file (`complaintkit-server train`); default the shipped one,
   * trained on the demo bank. Start-up fails when it was trained with another taxonomy.
   */
  readonly model?: string | undefined;
  /** A sensitive-case lexicon file (JSON, see `LexiconSchema`); default the shipped lexicon. */
  readonly lexicon?: string | undefined;
  /** How long a mutation's first result is kept for `Idempotency-Key` replays (ms); default 24 h. */
  readonly idempotencyTtlMs?: number | undefined;
  /** How often early-warning rules are evaluated (ms); default 5 minutes; 0 turns the schedule off. */
  readonly alertEveryMs?: number | undefined;
}

/**
 * The options with defaults applied and paths made absolute.
 *
 * @example
 * ```ts
 * resolveOptions({ port: 0, dataDir: 'data' }).host; // '127.0.0.1'
 * ```
 */
export function resolveOptions(options: ServerOptions) {
  return {
    ...options,
    host: options.host ?? '127.0.0.1',
    dataDir: resolve(options.dataDir),
    staticDir: options.staticDir === undefined ? undefined : resolve(options.staticDir),
  };
}
