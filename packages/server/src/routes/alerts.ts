import { REPORTING_ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import { evaluateRules } from '../alerts/evaluate.js';
import type { AppEnv } from '../http/env.js';
import { notFound, ruleViolation } from '../http/problem.js';
import { queryToInput } from '../http/query.js';
import { parseOr400, readJsonBody } from '../http/validate.js';
import { forbiddenReports, mayManageReporting, reportScope } from '../policy/reporting-access.js';
import type { ResolvedDeps } from './deps.js';

/**
 * `GET /v1/alerts`: alerts of the caller's subtree, newest first (managers, leadership, auditors).
 *
 * @example
 * ```ts
 * app.get('/v1/alerts', (c) => listAlerts(c, deps));
 * ```
 */
export async function listAlerts(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const scope = await reportScope(c.get('caller'), deps.store, undefined);
  const schema = REPORTING_ENDPOINTS.listAlerts.query;
  const q = parseOr400(schema, queryToInput(new URL(c.req.url), schema));
  return c.json({ data: await deps.store.reporting.listAlerts(scope.path, q) });
}

/**
 * `POST /v1/alerts/evaluate`: evaluates the rules of the caller's subtree (or one) now.
 *
 * @example
 * ```ts
 * app.post('/v1/alerts/evaluate', (c) => evaluateAlerts(c, deps));
 * ```
 */
export async function evaluateAlerts(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  if (!mayManageReporting(caller)) throw forbiddenReports('evaluate alert rules');
  const scope = await reportScope(caller, deps.store, undefined);
  const body = parseOr400(REPORTING_ENDPOINTS.evaluateAlerts.body, await readJsonBody(c));
  return c.json(await evaluateRules(deps.store, { now: deps.now(), underPath: scope.path, ruleId: body.ruleId }));
}

/** @internal acknowledge or resolve. */
async function setStatus(c: Context<AppEnv>, deps: ResolvedDeps, to: 'acknowledged' | 'resolved'): Promise<Response> {
  const caller = c.get('caller');
  if (!mayManageReporting(caller)) throw forbiddenReports(`${to === 'resolved' ? 'resolve' : 'acknowledge'} alerts`);
  const scope = await reportScope(caller, deps.store, undefined);
  const id = c.req.param('id') ?? '';
  const found = await deps.store.reporting.getAlert(id);
  // Seen before the body is judged: a caller who may not see the alert learns nothing from the body.
  if (!found?.orgPath.startsWith(scope.path)) throw notFound('the alert');
  parseOr400(REPORTING_ENDPOINTS.acknowledgeAlert.body, await readJsonBody(c));
  const a = found.alert;
  if (a.status === to) return c.json(a);
  if (a.status === 'resolved') throw ruleViolation('status', 'the alert is already resolved; a new one opens if its rule fires again');
  const at = new Date(deps.now()).toISOString();
  const next =
    to === 'acknowledged'
      ? { ...a, status: to, acknowledgedAt: at, acknowledgedBy: caller.actor.id, updatedAt: at }
      : { ...a, status: to, resolvedAt: at, updatedAt: at };
  await deps.store.reporting.saveAlert(next, found.orgPath, { publish: to === 'resolved' });
  return c.json(next);
}

/**
 * `POST /v1/alerts/{id}/acknowledge`: someone is on it; the alert stays deduplicated until resolved.
 *
 * @example
 * ```ts
 * app.post('/v1/alerts/:id/acknowledge', (c) => acknowledgeAlert(c, deps));
 * ```
 */
export const acknowledgeAlert = (c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> => setStatus(c, deps, 'acknowledged');

/**
 * `POST /v1/alerts/{id}/resolve`: closes the alert by hand.
 *
 * @example
 * ```ts
 * app.post('/v1/alerts/:id/resolve', (c) => resolveAlert(c, deps));
 * ```
 */
export const resolveAlert = (c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> => setStatus(c, deps, 'resolved');
