import { ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { notFound } from '../http/problem.js';
import { queryToInput } from '../http/query.js';
import { assertDatesInBounds } from '../http/date-bounds.js';
import { complaintLabel } from '../http/safe-path.js';
import { parseOr400 } from '../http/validate.js';
import { complaintFor, maskComplaint } from '../policy/mask.js';
import { isVisible } from '../policy/visibility.js';
import type { ResolvedDeps } from './deps.js';

/**
 * `GET /v1/complaints/{id}`: the complaint with its timeline; 404 when missing or not visible.
 * Unmasked for staff who may handle it and for the customer who owns it; masked for auditors.
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
 * complainant masked. `assigneeId=me` means the caller. An `orgId` that does not exist, or lies outside
 * a staff caller's subtree, is the same 404 the reports and alert rules answer for it, not an empty page.
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
  if (query.assigneeId === 'me') query.assigneeId = caller.actor.id;
  if (query.orgId !== undefined) {
    const org = await deps.store.getOrganisation(query.orgId);
    const v = caller.visibility;
    if (!org || (v.kind === 'subtree' && !org.path.startsWith(v.path))) throw notFound('the organisation');
  }
  const page = await deps.store.listComplaints(caller.visibility, query, deps.now());
  return c.json({ data: page.data.map(maskComplaint), nextCursor: page.nextCursor });
}
