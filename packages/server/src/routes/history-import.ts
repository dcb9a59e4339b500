import { REPORTING_ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { parseOr400, readJsonBody } from '../http/validate.js';
import { importHistory } from '../history/import-history.js';
import { badRows } from '../history/parse.js';
import { forbiddenReports, mayManageReporting, reportScope } from '../policy/reporting-access.js';
import { HttpProblem } from '../http/problem.js';
import type { ResolvedDeps } from './deps.js';

/**
 * The most bad rows a 422 lists (a file of a million bad rows would otherwise be answered with
 * a document larger than the file).
 *
 * @example
 * ```ts
 * summary.errors.slice(0, MAX_ROW_ERRORS);
 * ```
 */
export const MAX_ROW_ERRORS = 1_000;

/**
 * `POST /v1/history/import`: imports historical complaints of the caller's subtree (managers,
 * leadership, the system). A file with any bad row (or a row of an organisation outside the subtree)
 * imports nothing and answers 422 `invalid_rows` with the errors by line and field (the first
 * {@link MAX_ROW_ERRORS}; the detail counts them all), as the CLI refuses it with exit 1; a repeat
 * skips what is there.
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
  if (summary.errors.length > 0) {
    const n = summary.errors.length;
    throw new HttpProblem(
      422,
      'invalid_rows',
      `${badRows(summary.errors)} in the file${n > MAX_ROW_ERRORS ? ` (the first ${MAX_ROW_ERRORS} errors listed)` : ''}: nothing was imported. Fix them and send the file again.`,
      { errors: summary.errors.slice(0, MAX_ROW_ERRORS).map((e) => ({ line: e.line, ...(e.record !== undefined && { record: e.record }), path: e.field, message: e.message })) },
    );
  }
  return c.json(summary);
}
