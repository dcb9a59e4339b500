import { ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { HttpProblem } from '../http/problem.js';
import { queryToInput } from '../http/query.js';
import { parseOr400 } from '../http/validate.js';
import { readBy } from '../policy/mask.js';
import type { ResolvedDeps } from './deps.js';

/**
 * `GET /v1/complaint-changes`: the complaints the caller may see that changed after `since` (an event
 * sequence number), one per complaint, ordered by the `seq` of its latest change, complainant masked.
 * It reads only up to the store's `lastEventSeq` (below which no writer can still commit), so a reader
 * that goes on from the last `seq` it saw never skips a change committed meanwhile. Staff by subtree, the system everything;
 * customers are refused.
 *
 * @example
 * ```ts
 * app.get('/v1/complaint-changes', (c) => complaintChanges(c, deps));
 * ```
 */
export async function complaintChanges(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  if (caller.actor.kind === 'customer') throw new HttpProblem(403, 'forbidden', 'the changed-since read is for staff and the bank’s systems; read your own complaints with GET /v1/complaints');
  const schema = ENDPOINTS.complaintChanges.query;
  const query = parseOr400(schema, queryToInput(new URL(c.req.url), schema));
  const rows = await deps.store.changedComplaints(Number(query.since), caller.visibility, query.limit + 1);
  // Customers are refused above; were they ever let in, they would read their own view.
  const page = rows.slice(0, query.limit).map((r) => ({ seq: r.seq, complaint: readBy(caller, r.complaint) }));
  const last = page.at(-1);
  return c.json({ data: page, nextCursor: rows.length > query.limit && last ? String(last.seq) : null });
}
