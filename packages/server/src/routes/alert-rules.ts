import { createHash, randomUUID } from 'node:crypto';
import { type AlertRule, AlertRuleInput, AlertRulePatch, REPORTING_ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import { scopeOf } from '../auth/caller.js';
import type { AppEnv } from '../http/env.js';
import { idempotencyKeyOf } from '../http/idempotency.js';
import { notFound } from '../http/problem.js';
import { parseOr400, readJsonBody } from '../http/validate.js';
import { forbiddenReports, mayManageReporting, reportScope } from '../policy/reporting-access.js';
import type { ResolvedDeps } from './deps.js';
import { requestHeader } from '../http/request-header.js';

/** @internal the caller's own organisation (checked to read reports) and, for writes, the right to manage rules. */
async function ownScope(c: Context<AppEnv>, deps: ResolvedDeps, write: boolean) {
  const caller = c.get('caller');
  if (write && !mayManageReporting(caller)) throw forbiddenReports('manage alert rules');
  const scope = await reportScope(caller, deps.store, undefined);
  return { caller, scope };
}

/** @internal a stored rule the caller may see, else 404. */
async function visibleRule(c: Context<AppEnv>, deps: ResolvedDeps, write: boolean) {
  const { caller, scope } = await ownScope(c, deps, write);
  const id = c.req.param('id') ?? '';
  const found = await deps.store.reporting.getRule(id);
  if (!found?.orgPath.startsWith(scope.path)) throw notFound('the alert rule');
  return { caller, scope, found };
}

/**
 * `GET /v1/alert-rules`: the rules of the caller's subtree (managers, leadership, auditors).
 *
 * @example
 * ```ts
 * app.get('/v1/alert-rules', (c) => listAlertRules(c, deps));
 * ```
 */
export async function listAlertRules(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const { scope } = await ownScope(c, deps, false);
  return c.json({ data: await deps.store.reporting.listRules(scope.path) });
}

/**
 * `POST /v1/alert-rules`: a new rule owned by the caller's organisation; a filter's `orgId` must lie
 * in that subtree. With an `Idempotency-Key`, a repeat returns the rule the first request made.
 *
 * @example
 * ```ts
 * app.post('/v1/alert-rules', (c) => createAlertRule(c, deps));
 * ```
 */
export async function createAlertRule(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const { caller, scope } = await ownScope(c, deps, true);
  const input = parseOr400(AlertRuleInput, await readJsonBody(c));
  if (input.filter.orgId !== undefined) await reportScope(caller, deps.store, input.filter.orgId);
  const key = idempotencyKeyOf(requestHeader(c, 'idempotency-key'));
  const id = key ? `AR-${createHash('sha256').update(`${scopeOf(caller)}\n${key}`).digest('hex').slice(0, 32)}` : `AR-${randomUUID()}`;
  const prior = key ? await deps.store.reporting.getRule(id) : undefined;
  if (prior) return c.json(prior.rule, 201);
  const at = new Date(deps.now()).toISOString();
  const rule: AlertRule = { ...input, id, orgId: scope.id, createdBy: caller.actor.id, createdAt: at, updatedAt: at };
  await deps.store.reporting.saveRule(rule, scope.path);
  return c.json(rule, REPORTING_ENDPOINTS.createAlertRule.successStatus);
}

/**
 * `GET /v1/alert-rules/{id}`.
 *
 * @example
 * ```ts
 * app.get('/v1/alert-rules/:id', (c) => getAlertRule(c, deps));
 * ```
 */
export async function getAlertRule(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const { found } = await visibleRule(c, deps, false);
  return c.json(found.rule);
}

/**
 * `PATCH /v1/alert-rules/{id}`: changes the given fields; the rule keeps its id and organisation.
 *
 * @example
 * ```ts
 * app.patch('/v1/alert-rules/:id', (c) => updateAlertRule(c, deps));
 * ```
 */
export async function updateAlertRule(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const { caller, found } = await visibleRule(c, deps, true);
  const patch = parseOr400(AlertRulePatch, await readJsonBody(c));
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged = parseOr400(AlertRuleInput, { ...found.rule, ...defined });
  if (merged.filter.orgId !== undefined) await reportScope(caller, deps.store, merged.filter.orgId);
  const rule: AlertRule = { ...found.rule, ...merged, updatedAt: new Date(deps.now()).toISOString() };
  await deps.store.reporting.saveRule(rule, found.orgPath);
  return c.json(rule);
}

/**
 * `DELETE /v1/alert-rules/{id}`: removes the rule; its alerts stay on record.
 *
 * @example
 * ```ts
 * app.delete('/v1/alert-rules/:id', (c) => deleteAlertRule(c, deps));
 * ```
 */
export async function deleteAlertRule(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const { found } = await visibleRule(c, deps, true);
  await deps.store.reporting.deleteRule(found.rule.id);
  return c.json({ id: found.rule.id, deleted: true });
}
