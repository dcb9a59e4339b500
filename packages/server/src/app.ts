import { serveStatic } from '@hono/node-server/serve-static';
import { ALL_ENDPOINTS } from '@complaintkit/core/domain';
import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { authenticate } from './auth/authenticate.js';
import type { AppEnv } from './http/env.js';
import { errorHandler, sendProblem } from './http/errors.js';
import { EventFeed } from './events/feed.js';
import { StreamSlots } from './events/stream-slots.js';
import { Turns } from './events/turns.js';
import { DEFAULT_CLOCK_SKEW_MS, DEFAULT_EARLIEST_DATE } from './http/date-bounds.js';
import { resolveLimits } from './http/limits.js';
import { describeError, jsonLogger } from './http/logger.js';
import { methodNotAllowed } from './http/method-not-allowed.js';
import { InFlight } from './http/in-flight.js';
import { HttpProblem } from './http/problem.js';
import { requestTimeout } from './http/request-timeout.js';
import { requestEdge, v1Checks } from './http/edge.js';
import { TokenBuckets } from './http/rate-limit.js';
import { buildOpenApiDocument } from './openapi/document.js';
import type { AppDeps, ResolvedDeps } from './routes/deps.js';
import { registerHealth } from './routes/health.js';
import { defaultSuggester } from './suggest/service/load.js';
import { registerRoutes } from './routes/register.js';
import { defersStaffCheck } from './routes/create-complaint.js';
import { SqlStore } from './store/sql-store.js';
import { examplePath } from './http/example-path.js';
import { examplePageHeaders } from './http/example-pages.js';

/**
 * Builds the complaint service as a Hono app: security headers, CORS (any origin, with
 * Authorization), request ids, request logging without personal data, request timeouts, per-caller
 * rate limits, every contract operation
 * (routes generated from core's ENDPOINTS and ACTION_ENDPOINTS), `GET /openapi.json`, optional static
 * example pages at `/examples/`, and problem documents for every error.
 *
 * @example
 * ```ts
 * const app = createApp({ store, jwtSecret: 'a-long-random-secret-value' });
 * const res = await app.request('/openapi.json');
 * ```
 */
export function createApp(deps: AppDeps): Hono<AppEnv> {
  const logger = deps.logger ?? jsonLogger();
  const pollMs = deps.pollMs ?? 250;
  const limits = resolveLimits(deps.limits);
  const d: ResolvedDeps = {
    store: deps.store,
    jwtSecret: deps.jwtSecret,
    now: deps.now ?? Date.now,
    logger,
    closing: deps.closing ?? new AbortController().signal,
    pollMs,
    track: deps.track ?? (() => {}),
    clock: deps.clock,
    hashIdentity: deps.hashIdentity,
    staticDir: deps.staticDir,
    publicUrl: deps.publicUrl,
    limits,
    dateBounds: { earliest: DEFAULT_EARLIEST_DATE, skewMs: DEFAULT_CLOCK_SKEW_MS, ...deps.dateBounds },
    feed: new EventFeed(deps.store, { pollMs, onError: (e) => logger.error({ msg: 'event feed poll failed', error: describeError(e) }) }),
    streams: new StreamSlots(limits.streamsPerCaller, limits.streamsTotal),
    replayTurns: new Turns(1),
    suggester: deps.suggester ?? defaultSuggester(),
  };
  const app = new Hono<AppEnv>();
  // The request id, its log line and the security and simple-request CORS headers (set before the
  // handler, see setCommonHeaders), one middleware; Hono's cors answers the preflights, allowing every
  // method the contract has (PATCH and DELETE of an alert rule too: a browser at another origin sends
  // them only when the preflight lists them).
  app.use(requestEdge(d.logger));
  const preflight = cors({
    origin: '*',
    allowMethods: [...new Set([...ALL_ENDPOINTS.map((e) => e.method), 'OPTIONS'])],
    allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'Last-Event-ID'],
    exposeHeaders: ['X-Request-Id', 'Idempotent-Replayed', 'Retry-After'],
    maxAge: 600,
  });
  app.use((c, next) => (c.req.method === 'OPTIONS' ? preflight(c, next) : next()));
  // A request still unanswered after limits.requestTimeoutMs is a 503 (the event stream is exempt);
  // inside it, the requests being handled are counted so a shutdown lets them finish, and once the
  // shutdown began a new one is a 503 with Connection: close.
  app.use(requestTimeout(limits.requestTimeoutMs));
  app.use((deps.inFlight ?? new InFlight()).middleware(d.closing));
  // A body over 1 MiB is a 413 (by its Content-Length here, or counted while it is read); %00 in a
  // path or query is a 400 on both databases (PostgreSQL cannot hold a NUL in text).
  app.use('/v1/*', v1Checks());

  // Built once, around its server URL: the configured public URL, else each request's own origin
  // (cached whole with the first request's, a first request with a forged Host named that host to
  // every later reader). Forwarded headers are not read: anyone can send them. A document naming the
  // request's origin varies with Host and is not kept by caches.
  const SERVER_MARK = 'https://server.invalid';
  let openapi: string[] | undefined;
  const perRequest = d.publicUrl === undefined;
  app.get('/openapi.json', (c) => {
    openapi ??= JSON.stringify(buildOpenApiDocument({ serverUrl: SERVER_MARK })).split(JSON.stringify(SERVER_MARK));
    const server = d.publicUrl ?? new URL(c.req.url).origin;
    return c.body(openapi.join(JSON.stringify(server)), 200, {
      'content-type': 'application/json',
      ...(perRequest && { vary: 'Host', 'cache-control': 'no-store' }),
    });
  });
  app.all('/openapi.json', methodNotAllowed(['GET']));
  if (d.staticDir) {
    const root = d.staticDir;
    app.get('/examples', (c) => c.redirect('/examples/'));
    app.use('/examples/*', examplePageHeaders());
    app.use('/examples/*', serveStatic({ root, rewriteRequestPath: (p) => examplePath(root, p) }));
  }

  registerHealth(app, d, deps.readinessChecks);
  // The staff check is left to a keyed registration's write only with this package's own store on
  // PostgreSQL, whose key lookup reads it in the same round trip. A host's own Store may not run
  // MutateOptions.staffCheck. SQLite has no round trip to save (the row would be read just before
  // the write instead), and with the deferral on, GET /v1/me cost 0.18-0.19 ms of CPU instead of
  // 0.14-0.15 after a run of creations (bench/results/service-throughput.md, "The deferred staff
  // check on SQLite"; cause not found).
  const deferStaffCheck = d.store instanceof SqlStore && d.store.kind === 'postgres' ? defersStaffCheck : undefined;
  registerRoutes(app, d, authenticate(d.store, d.jwtSecret, d.now, { unauthenticated: new TokenBuckets(limits.unauthenticated), deferStaffCheck }));
  // The path is not echoed: it may hold anything a client sent (a phone number, markup).
  app.notFound((c) => sendProblem(c, new HttpProblem(404, 'not_found', 'no operation at this path; GET /openapi.json lists every operation')));
  app.onError(errorHandler(d.logger));
  return app;
}
