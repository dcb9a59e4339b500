import type { Hono } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { ResolvedDeps } from './deps.js';

/**
 * One readiness check: `ok`, and what to look at when it is not. A check with `critical: false` is
 * advisory: when it fails, `/readyz` still answers `200` (status `degraded`) and names it, so a load
 * balancer keeps sending traffic to an instance that serves correctly but needs an operator's
 * attention (the holiday calendar is one: a missing year is counted with weekends only and flagged,
 * docs/domain/clocks.md). Checks are critical unless they say otherwise.
 *
 * @example
 * ```ts
 * const calendar: ReadinessCheck = async () => ({ ok: false, critical: false, detail: 'load 2027 with --calendar FILE' });
 * const ledger: ReadinessCheck = async () => ({ ok: await ledgerAnswers() });
 * ```
 */
export type ReadinessCheck = () => Promise<{ readonly ok: boolean; readonly critical?: boolean | undefined; readonly detail?: string | undefined }>;

/**
 * `GET /healthz` (liveness: the process answers; no database touched) and `GET /readyz` (readiness:
 * the database answers, every migration has run, and every critical extra check passes):
 * `200 {"status":"ready","checks":{…}}`; `200 {"status":"degraded",…}` when only advisory checks
 * (`critical: false`, such as calendar coverage) fail, each marked `"critical": false`; or `503`
 * `not_ready` with the failing checks and `Retry-After`. Neither needs a token, and neither is rate
 * limited; neither says anything personal.
 *
 * @example
 * ```ts
 * registerHealth(app, deps, { calendar: calendarCoverageCheck });
 * ```
 */
export function registerHealth(app: Hono<AppEnv>, deps: ResolvedDeps, checks: Readonly<Record<string, ReadinessCheck>> = {}): void {
  app.get('/healthz', (c) => c.json({ status: 'ok' }, 200, { 'cache-control': 'no-store' }));
  app.get('/readyz', async (c) => {
    const results: Record<string, { ok: boolean; critical?: false; detail?: string }> = {};
    const db = await deps.store.health();
    results.database = db.reachable ? { ok: true } : { ok: false, detail: db.detail ?? 'the database does not answer' };
    results.migrations =
      db.pendingMigrations.length === 0 ? { ok: true } : { ok: false, detail: `not yet run: ${db.pendingMigrations.join(', ')}` };
    if (deps.closing.aborted) results.shutdown = { ok: false, detail: 'shutting down' };
    for (const [name, check] of Object.entries(checks)) {
      try {
        const r = await check();
        results[name] = { ok: r.ok, ...(r.critical === false && { critical: false }), ...(r.detail !== undefined && { detail: r.detail }) };
      } catch {
        results[name] = { ok: false, detail: 'the check failed' };
      }
    }
    const failing = Object.values(results).filter((r) => !r.ok);
    const ready = failing.every((r) => r.critical === false);
    const status = !ready ? 'not_ready' : failing.length > 0 ? 'degraded' : 'ready';
    return c.json({ status, checks: results }, ready ? 200 : 503, {
      'cache-control': 'no-store',
      ...(!ready && { 'retry-after': '5' }),
    });
  });
}
