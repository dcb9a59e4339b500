import { ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { Caller } from '../auth/caller.js';
import type { AppEnv } from '../http/env.js';
import { HttpProblem, notFound } from '../http/problem.js';
import { parseOr400, readJsonBody } from '../http/validate.js';
import type { ResolvedDeps } from './deps.js';

/** @internal who may import tags: the bank's back end, or a manager at head office (tags are bank-wide). */
const mayImportTags = (caller: Caller): boolean =>
  caller.actor.kind === 'system' || (caller.actor.kind === 'staff' && caller.actor.role === 'manager' && caller.organisation?.parentId === null);

/**
 * `POST /v1/customer-tags`: stores a batch of a tagging run's assignments (docs/domain/tags.md), each
 * replacing the stored tag of the same customer and code, and deletes the listed ones, in one
 * transaction. A system token or a head-office manager only.
 *
 * @example
 * ```ts
 * app.post('/v1/customer-tags', (c) => importCustomerTags(c, deps));
 * ```
 */
export async function importCustomerTags(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  if (!mayImportTags(caller)) throw new HttpProblem(403, 'forbidden', 'only the bank’s back end (a system token) or a head-office manager may import customer tags');
  const batch = parseOr400(ENDPOINTS.importCustomerTags.body, await readJsonBody(c));
  return c.json(await deps.store.writeCustomerTags(batch, deps.now()));
}

/**
 * `GET /v1/customers/{customerId}/tags`: one customer's tags. The system sees them whole; staff only
 * when one of the customer's complaints (or a complaint in the evidence) is visible to them, and the
 * evidence cut to the complaints they may see; 404 otherwise. Customers never see tags.
 *
 * @example
 * ```ts
 * app.get('/v1/customers/:customerId/tags', (c) => customerTags(c, deps));
 * ```
 */
export async function customerTags(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  if (caller.actor.kind === 'customer') throw new HttpProblem(403, 'forbidden', 'customer tags are for the bank’s staff');
  const customerId = c.req.param('customerId') ?? '';
  const tags = await deps.store.customerTags(customerId);
  if (caller.visibility.kind === 'all') return c.json({ customerId, tags });
  const evidence = [...new Set(tags.flatMap((t) => t.evidence))];
  const visible = await deps.store.visibleComplaintIds(caller.visibility, customerId, evidence);
  if (visible.size === 0) throw notFound('the customer');
  return c.json({ customerId, tags: tags.map((t) => ({ ...t, evidence: t.evidence.filter((id) => visible.has(id)) })) });
}
