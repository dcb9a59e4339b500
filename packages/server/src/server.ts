import { setMaxListeners } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { deadlinesOf } from '@complaintkit/core/domain';
import { createIdentityHasher } from '@complaintkit/core/node';
import { resolveIdentitySecret, resolveJwtSecret } from './auth/secret.js';
import { issueToken, type TokenClaims } from './auth/token.js';
import { type ServerOptions, resolveOptions } from './config.js';
import { answerAtTheEdge, answerClientErrors } from './http/client-error.js';
import { resolvePublicUrl } from './http/public-url.js';
import { InFlight } from './http/in-flight.js';
import { resolveLimits } from './http/limits.js';
import { jsonLogger } from './http/logger.js';
import { DEFAULT_ALERT_EVERY_MS, startAlertEvaluation } from './jobs/evaluate-alerts.js';
import { DEFAULT_IDEMPOTENCY_TTL_MS, startIdempotencyExpiry } from './jobs/expire-idempotency.js';
import { type SeedResult, seedIfEmpty } from './jobs/seed-if-empty.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { calendarCoverage, loadCalendar } from './calendar/load-calendar.js';
import { loadSuggester } from './suggest/service/load.js';

/**
 * A running complaint service.
 *
 * @example
 * ```ts
 * const { url, close } = await startServer({ port: 0, dataDir: tmp });
 * ```
 */
export interface RunningServer {
  /** `http://host:port`, no trailing slash. */
  readonly url: string;
  /**
   * Shuts down gracefully: stops accepting connections, answers new requests on kept-alive ones with
   * 503, lets running requests finish (within `limits.requestTimeoutMs`), ends event streams with a
   * `retry:` hint, then closes the database.
   */
  close(): Promise<void>;
  readonly store: Store;
  /** Signs a token with this server's secret and clock (`ttl` default one hour). */
  issueToken(claims: TokenClaims, ttl?: string | number): Promise<string>;
  /** The signing secret in use. */
  readonly jwtSecret: string;
  /** What start-up seeding did (`{ seeded: false }` when not asked or the database had data). */
  readonly seeded: SeedResult;
}

/**
 * Opens and migrates the database (SQLite in `dataDir`, or PostgreSQL at `databaseUrl`), seeds demo
 * data into an empty database when `seed` is given, and serves the API over HTTP.
 *
 * @example
 * ```ts
 * const server = await startServer({ port: 8787, dataDir: './data', seed: 42 });
 * console.log(`${server.url}/openapi.json`);
 * await server.close();
 * ```
 */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const o = resolveOptions(options);
  // Checked before anything is opened: a bad public URL stops the start at once.
  const publicUrl = resolvePublicUrl(o.publicUrl);
  const logger = o.logger ?? jsonLogger();
  const jwtSecret = resolveJwtSecret(o);
  const now = o.now ?? Date.now;
  const hashIdentity = createIdentityHasher(resolveIdentitySecret(o));
  // The suggestion model and lexicon are checked before the database is touched: a model trained
  // with another taxonomy stops the start (ModelTaxonomyMismatchError says how to retrain).
  const suggester = loadSuggester({ model: o.model, lexicon: o.lexicon });
  // The holiday calendar too (docs/domain/clocks.md): a bad calendar file stops the start, naming the
  // line and field; a year the deadlines reach that no notice covers is said at start and in /readyz.
  const calendar = o.clock?.calendar ?? loadCalendar({ file: o.calendarFile ?? process.env.CK_CALENDAR_FILE }).calendar;
  const clock = { ...o.clock, calendar };
  const coverage = calendarCoverage(calendar, now());
  if (coverage.missing.length > 0) logger.error({ msg: 'holiday_calendar_not_covered', years: coverage.years, missing: coverage.missing, detail: coverage.detail });
  else logger.info({ msg: 'holiday_calendar', years: coverage.years });
  const store = await openStore({ ...o, now }, { clock });
  let seeded: SeedResult = { seeded: false };
  try {
    if (o.seed !== undefined) {
      const seedOptions = typeof o.seed === 'number' ? { seed: o.seed } : o.seed;
      seeded = await seedIfEmpty(store, { ...seedOptions, now: now() });
    }
    // Seeded and pre-0003 complaints get their identity hashes once the bank's secret is known.
    await store.fillIdentityHashes(hashIdentity);
    // Deadlines counted with weekends only for want of a year's notice are recounted once a calendar
    // file brings that year (docs/domain/clocks.md).
    const recounted = await store.refreshUncoveredDeadlines((c) => deadlinesOf(c, { ...clock, now: now() }));
    if (recounted > 0) logger.info({ msg: 'deadlines_recounted', complaints: recounted, years: coverage.years });
  } catch (e) {
    await store.close();
    throw e;
  }

  const limits = resolveLimits(o.limits);
  const inFlight = new InFlight();
  const closing = new AbortController();
  setMaxListeners(0, closing.signal); // every open event stream listens for the shutdown
  const streams = new Set<Promise<void>>();
  const app = createApp({
    store,
    jwtSecret,
    now,
    logger,
    clock,
    hashIdentity,
    closing: closing.signal,
    staticDir: o.staticDir,
    publicUrl,
    pollMs: o.pollMs,
    limits,
    inFlight,
    dateBounds: o.dateBounds,
    readinessChecks: {
      calendar: async () => {
        // Advisory: a year without its notice is counted with weekends only and flagged, so the
        // instance still serves; failing readiness on 1 January would take every instance out of
        // the load balancer at once (docs/domain/clocks.md).
        const c = calendarCoverage(calendar, now());
        return { ok: c.ok, critical: false, detail: c.detail };
      },
      ...o.readinessChecks,
    },
    suggester,
    track: (running) => {
      streams.add(running);
      void running.finally(() => streams.delete(running));
    },
  });

  const stopExpiry = startIdempotencyExpiry({
    store,
    now,
    ttlMs: o.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS,
    everyMs: 3_600_000,
    logger,
  });

  const alertEveryMs = o.alertEveryMs ?? DEFAULT_ALERT_EVERY_MS;
  const stopAlerts = alertEveryMs > 0 ? startAlertEvaluation({ store, now: o.now ?? Date.now, everyMs: alertEveryMs, logger }) : () => {};

  const server = await new Promise<Server>((resolve, reject) => {
    // A request that has not fully arrived within requestTimeoutMs is a 408 (answerClientErrors);
    // Node checks every connection for it at connectionsCheckingInterval.
    const serverOptions = {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(60_000, limits.requestTimeoutMs),
      connectionsCheckingInterval: Math.max(100, Math.min(30_000, Math.floor(limits.requestTimeoutMs / 2))),
      // answerAtTheEdge answers a missing Host with a problem document (Node's own answer is an empty 400).
      requireHostHeader: false,
    };
    // What `serve()` of @hono/node-server does, plus an error handler for each request: a request it
    // cannot turn into a web Request (a backslash in the path, no Host header) was an empty text/plain
    // 400. OPTIONS * and a request without Host are answered before the adapter (answerAtTheEdge).
    const s = createServer(serverOptions, answerAtTheEdge({ fetch: app.fetch, hostname: o.host, logger }));
    s.once('error', reject);
    s.listen(o.port ?? 3000, o.host, () => resolve(s));
  });
  // Headers over Node's limit, malformed requests: a problem document, not Node's empty 431 / 400.
  answerClientErrors(server as Server, logger);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;

  let closed: Promise<void> | undefined;
  return {
    url,
    store,
    jwtSecret,
    seeded,
    issueToken: (claims, ttl = '1h') => issueToken(claims, jwtSecret, ttl, now),
    close() {
      closed ??= (async () => {
        const http = server as Server;
        // 1. Stop taking connections; from now on /readyz is 503 and a request on a kept-alive
        //    connection gets 503 with Connection: close. Event streams end with a retry hint.
        closing.abort();
        stopExpiry();
        stopAlerts();
        const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
        http.closeIdleConnections();
        // 2. Let the requests already running finish (a write commits and is answered), within the
        //    request timeout; close each connection as soon as its answer has gone out.
        const idle = setInterval(() => http.closeIdleConnections(), 50);
        const finished = await inFlight.drained(limits.requestTimeoutMs);
        if (!finished) logger.error({ msg: 'shutdown: requests still running after the request timeout', running: inFlight.count });
        await Promise.allSettled([...streams]);
        // 3. Whatever is left (an answer still being written by a slow client) gets a second, then is cut.
        const cut = setTimeout(() => http.closeAllConnections(), 1000);
        await stopped;
        clearInterval(idle);
        clearTimeout(cut);
        await store.close();
      })();
      return closed;
    },
  };
}
