import { localDate, REPORTING_ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { queryToInput } from '../http/query.js';
import { parseOr400, type StandardSchema } from '../http/validate.js';
import { reportScope } from '../policy/reporting-access.js';
import { buildHeatMap } from '../reports/heat-map.js';
import { buildRegulatorStatistics, regulatorCsv } from '../reports/regulator.js';
import { checkRange, reportSpec, wireRow } from '../reports/spec.js';
import { buildTrend } from '../reports/trend.js';
import type { ResolvedDeps } from './deps.js';

/** @internal parses the query string of a GET operation with its contract schema. */
const queryOf = <O>(c: Context<AppEnv>, schema: StandardSchema<O>): O => parseOr400(schema, queryToInput(new URL(c.req.url), schema));

/**
 * `GET /v1/reports`: every metric over a range of bank days in the caller's subtree (or a
 * sub-organisation of it), filtered, grouped by up to two dimensions. Managers, leadership and
 * auditors only.
 *
 * @example
 * ```ts
 * app.get('/v1/reports', (c) => getReport(c, deps));
 * ```
 */
export async function getReport(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const q = queryOf(c, REPORTING_ENDPOINTS.report.query);
  const scope = await reportScope(c.get('caller'), deps.store, q.orgId);
  const range = checkRange(q);
  const groupBy = q.groupBy ?? [];
  const result = await deps.store.reporting.report(await reportSpec(deps.store, scope, range, q, groupBy));
  return c.json({ ...range, orgId: scope.id, groupBy, rows: result.rows.map(wireRow), total: wireRow(result.total) });
}

/**
 * `GET /v1/reports/trend`: one metric per period with MoM and YoY.
 *
 * @example
 * ```ts
 * app.get('/v1/reports/trend', (c) => getTrend(c, deps));
 * ```
 */
export async function getTrend(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const q = queryOf(c, REPORTING_ENDPOINTS.trend.query);
  const scope = await reportScope(c.get('caller'), deps.store, q.orgId);
  return c.json(await buildTrend(deps.store, scope, checkRange(q), q.interval, q.metric, q, localDate(deps.now())));
}

/**
 * `GET /v1/reports/heat-map`: counts and rates by province or prefecture.
 *
 * @example
 * ```ts
 * app.get('/v1/reports/heat-map', (c) => getHeatMap(c, deps));
 * ```
 */
export async function getHeatMap(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const q = queryOf(c, REPORTING_ENDPOINTS.heatMap.query);
  const scope = await reportScope(c.get('caller'), deps.store, q.orgId);
  return c.json(await buildHeatMap(deps.store, scope, checkRange(q), q.level, q));
}

/**
 * `GET /v1/reports/regulator`: a quarter's regulator statistics, JSON or (`format=csv`) CSV.
 *
 * @example
 * ```ts
 * app.get('/v1/reports/regulator', (c) => getRegulatorStatistics(c, deps));
 * ```
 */
export async function getRegulatorStatistics(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const q = queryOf(c, REPORTING_ENDPOINTS.regulator.query);
  const scope = await reportScope(c.get('caller'), deps.store, q.orgId);
  const stats = await buildRegulatorStatistics(deps.store, scope, q.quarter, deps.now());
  if (q.format === 'csv') {
    return c.body(regulatorCsv(stats), 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="complaints-${stats.quarter}-${stats.orgId}.csv"`,
    });
  }
  return c.json(stats);
}
