import { ACTION_ENDPOINTS, ALL_ENDPOINTS, COMPLAINT_ACTIONS, ENDPOINTS , REPORTING_ENDPOINTS } from '@complaintkit/core/domain';
import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../http/env.js';
import { methodNotAllowed } from '../http/method-not-allowed.js';
import { rateLimit } from '../http/rate-limit.js';
import { complaintAction } from './complaint-action.js';
import { complaintChanges } from './complaint-changes.js';
import { createComplaint } from './create-complaint.js';
import { customerTags, importCustomerTags } from './customer-tags.js';
import type { ResolvedDeps } from './deps.js';
import { streamEvents } from './event-stream.js';
import { me, organisations } from './identity.js';
import { getComplaint, listComplaints } from './read-complaints.js';
import { suggestClassification } from './suggest-classification.js';
import { createAlertRule, deleteAlertRule, getAlertRule, listAlertRules, updateAlertRule } from './alert-rules.js';
import { acknowledgeAlert, evaluateAlerts, listAlerts, resolveAlert } from './alerts.js';
import { importHistoryRoute } from './history-import.js';
import { getHeatMap, getRegulatorStatistics, getReport, getTrend } from './reports.js';

/** @internal a route handler. */
type Handler = (c: Context<AppEnv>, deps: ResolvedDeps) => Response | Promise<Response>;

/**
 * The handler of every operation, keyed by the contract's operationId. Registration fails at start-up
 * when the contract gains an operation nobody handles.
 *
 * @example
 * ```ts
 * HANDLERS['complaints.get'];
 * ```
 */
export const HANDLERS: Record<string, Handler> = {
  [ENDPOINTS.createComplaint.operationId]: createComplaint,
  [ENDPOINTS.listComplaints.operationId]: listComplaints,
  [ENDPOINTS.getComplaint.operationId]: getComplaint,
  [ENDPOINTS.complaintChanges.operationId]: complaintChanges,
  [ENDPOINTS.importCustomerTags.operationId]: importCustomerTags,
  [ENDPOINTS.customerTags.operationId]: customerTags,
  [ENDPOINTS.streamEvents.operationId]: streamEvents,
  [ENDPOINTS.me.operationId]: (c) => me(c),
  [ENDPOINTS.organisations.operationId]: organisations,
  [ENDPOINTS.suggestClassification.operationId]: suggestClassification,
  [REPORTING_ENDPOINTS.report.operationId]: getReport,
  [REPORTING_ENDPOINTS.trend.operationId]: getTrend,
  [REPORTING_ENDPOINTS.heatMap.operationId]: getHeatMap,
  [REPORTING_ENDPOINTS.regulator.operationId]: getRegulatorStatistics,
  [REPORTING_ENDPOINTS.listAlertRules.operationId]: listAlertRules,
  [REPORTING_ENDPOINTS.createAlertRule.operationId]: createAlertRule,
  [REPORTING_ENDPOINTS.getAlertRule.operationId]: getAlertRule,
  [REPORTING_ENDPOINTS.updateAlertRule.operationId]: updateAlertRule,
  [REPORTING_ENDPOINTS.deleteAlertRule.operationId]: deleteAlertRule,
  [REPORTING_ENDPOINTS.listAlerts.operationId]: listAlerts,
  [REPORTING_ENDPOINTS.evaluateAlerts.operationId]: evaluateAlerts,
  [REPORTING_ENDPOINTS.acknowledgeAlert.operationId]: acknowledgeAlert,
  [REPORTING_ENDPOINTS.resolveAlert.operationId]: resolveAlert,
  [REPORTING_ENDPOINTS.importHistory.operationId]: importHistoryRoute,
  ...Object.fromEntries(COMPLAINT_ACTIONS.map((a) => [ACTION_ENDPOINTS[a].operationId, (c: Context<AppEnv>, d: ResolvedDeps) => complaintAction(c, d, a)])),
};

/**
 * An OpenAPI path template as a Hono path (`/v1/complaints/{id}` → `/v1/complaints/:id`).
 *
 * @example
 * ```ts
 * honoPath('/v1/complaints/{id}/accept'); // '/v1/complaints/:id/accept'
 * ```
 */
export const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

/**
 * Registers one route per contract operation, each behind the authentication middleware and the
 * caller's rate limits (`limits.reads` for GET, `limits.writes` for POST: 429 with `Retry-After`),
 * and a 405 (with `Allow`) for every other method on those paths.
 *
 * @example
 * ```ts
 * registerRoutes(app, deps, authenticate(store, secret));
 * ```
 */
export function registerRoutes(app: Hono<AppEnv>, deps: ResolvedDeps, auth: MiddlewareHandler<AppEnv>): void {
  // One set of read and write budgets for every operation: a caller's budget is theirs across endpoints.
  const limit = rateLimit(deps.limits);
  for (const endpoint of ALL_ENDPOINTS) {
    const handler = HANDLERS[endpoint.operationId];
    if (!handler) throw new Error(`no handler for operation ${endpoint.operationId}: add one to HANDLERS`);
    const path = honoPath(endpoint.path);
    const run = (c: Context<AppEnv>) => handler(c, deps);
    app.on(endpoint.method, path, auth, limit, run);
  }
  // Any other method on a known path: 405 with Allow (registered last, so the routes above win).
  const methods = new Map<string, string[]>();
  for (const e of ALL_ENDPOINTS) methods.set(e.path, [...(methods.get(e.path) ?? []), e.method]);
  for (const [path, allowed] of methods) app.all(honoPath(path), methodNotAllowed(allowed));
}
