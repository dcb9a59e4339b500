import { ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { badRequest, notFound } from '../http/problem.js';
import { queryToInput } from '../http/query.js';
import { assertDatesInBounds } from '../http/date-bounds.js';
import { complaintLabel } from '../http/safe-path.js';
import { parseOr400 } from '../http/validate.js';
import { complaintFor, maskComplaint, readBy } from '../policy/mask.js';
import { isVisible } from '../policy/visibility.js';
import type { ResolvedDeps } from './deps.js';

/**
 * `GET /v1/complaints/{id}`: the complaint with its timeline; 404 when missing or not visible.
 * Unmasked for staff who may handle it and for the customer who owns it (who reads core's
 * `customerView`: no staff ids, no internal notes); masked for auditors.
 *
 * @example
 * ```ts
 * app.get('/v1/complaints/:id', (c) => getComplaint(c, deps));
 * ```
 */
export async function getComplaint(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  const id = c.req.param('id') ?? '';
  const record = await deps.store.getComplaint(id);
  if (!record || !isVisible(caller.visibility, record)) throw notFound(complaintLabel(id));
  return c.json(complaintFor(caller, record.complaint));
}

/**
 * `GET /v1/complaints`: the visible complaints, newest first, filtered and cursor-paginated, with the
 * complainant masked (and for a customer through core's `customerView`). `assigneeId=me` means the
 * caller. An `orgId` that does not exist, or lies outside a staff caller's subtree, is the same 404 the
 * reports and alert rules answer for it, not an empty page.
 *
 * @example
 * ```ts
 * app.get('/v1/complaints', (c) => listComplaints(c, deps));
 * ```
 */
export async function listComplaints(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  const schema = ENDPOINTS.listComplaints.query;
  const query = parseOr400(schema, queryToInput(new URL(c.req.url), schema));
  // A filter may look ahead (received up to the end of this year): a year of room on that side.
  assertDatesInBounds(schema, query, deps.dateBounds, deps.now(), 366 * 86_400_000);
  // The fields a customer's view leaves out are not theirs to filter by either: a filter would tell
  // them what the view hides (a sensitive-case severity, who handles it, the staff warning time that
  // `dueSoon` reads).
  if (caller.actor.kind === 'customer') {
    const staffOnly = (['severity', 'assigneeId', 'dueSoon'] as const).filter((k) => query[k] !== undefined);
    if (staffOnly.length > 0) throw badRequest(staffOnly.map((path) => ({ path, message: 'a staff-only filter: a customer lists their own complaints without it' })));
  }
  if (query.assigneeId === 'me') query.assigneeId = caller.actor.id;
  if (query.orgId !== undefined) {
    const org = await deps.store.getOrganisation(query.orgId);
    const v = caller.visibility;
    if (!org || (v.kind === 'subtree' && !org.path.startsWith(v.path))) throw notFound('the organisation');
  }
  const page = await deps.store.listComplaints(caller.visibility, query, deps.now());
  return c.json({ data: page.data.map((d) => readBy(caller, maskComplaint(d))), nextCursor: page.nextCursor });
}
