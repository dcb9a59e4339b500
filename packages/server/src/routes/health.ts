import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { ResolvedDeps } from './deps.js';

/**
 * One readiness check: `ok`, and what to look at when it is not.
 *
 * @example
 * ```ts
 * const calendar: ReadinessCheck = async () => ({ ok: true, detail: 'holidays known to 2027-12-31' });
 * ```
 */
export type ReadinessCheck = () => Promise<{ readonly ok: boolean; readonly detail?: string | undefined }>;

/**
 * `GET /healthz` (liveness: the process answers; no database touched) and `GET /readyz` (readiness:
 * the database answers, every migration has run, and every extra check passes, such as calendar
 * coverage): `200 {"status":"ready","checks":{…}}` or `503` with the failing checks and
 * `Retry-After`. Neither needs a token, and neither is rate limited; neither says anything personal.
 *
 * @example
 * ```ts
 * registerHealth(app, deps, { calendar: calendarCoverageCheck });
 * ```
 */
export function registerHealth(app: Hono<AppEnv>, deps: ResolvedDeps, checks: Readonly<Record<string, ReadinessCheck>> = {}): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, { 'cache-control': 'no-store' }));
  app.get('/readyz', async (c) => {
    const results: Record<string, { ok: boolean; detail?: string }> = {};
    const db = await deps.store.health();
    results.database = db.reachable ? { ok: true } : { ok: false, detail: 'the database does not answer' };
    results.migrations =
      db.pendingMigrations.length === 0 ? { ok: true } : { ok: false, detail: `not yet run: ${db.pendingMigrations.join(', ')}` };
    if (deps.closing.aborted) results.shutdown = { ok: false, detail: 'shutting down' };
    for (const [name, check] of Object.entries(checks)) {
      try {
        const r = await check();
        results[name] = { ok: r.ok, ...(r.detail !== undefined && { detail: r.detail }) };
      } catch {
        results[name] = { ok: false, detail: 'the check failed' };
      }
    }
    const ready = Object.values(results).every((r) => r.ok);
    return c.json({ status: ready ? 'ready' : 'not_ready', checks: results }, ready ? 200 : 503, {
      'cache-control': 'no-store',
      ...(!ready && { 'retry-after': '5' }),
    });
  });
}
