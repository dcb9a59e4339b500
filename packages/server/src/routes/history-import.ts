import { REPORTING_ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { parseOr400, readJsonBody } from '../http/validate.js';
import { importHistory } from '../history/import-history.js';
import { forbiddenReports, mayManageReporting, reportScope } from '../policy/reporting-access.js';
import type { ResolvedDeps } from './deps.js';

/**
 * `POST /v1/history/import`: imports historical complaints of the caller's subtree (managers,
 * leadership, the system). A file with any bad row (or a row of an organisation outside the subtree)
 * imports nothing and answers 200 with the errors by line and field; a repeat skips what is there.
 *
 * @example
 * ```ts
 * app.post('/v1/history/import', (c) => importHistoryRoute(c, deps));
 * ```
 */
export async function importHistoryRoute(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  if (!mayManageReporting(caller)) throw forbiddenReports('import history');
  const scope = await reportScope(caller, deps.store, undefined);
  const body = parseOr400(REPORTING_ENDPOINTS.importHistory.body, await readJsonBody(c));
  const summary = await importHistory(deps.store, body.data, body.format, { batchSize: body.batchSize, clock: deps.clock, underPath: scope.path });
  return c.json(summary);
}
