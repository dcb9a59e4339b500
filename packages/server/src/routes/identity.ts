import type { Organisation } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import type { OrganisationRecord } from '../store/store.js';
import type { ResolvedDeps } from './deps.js';

/** @internal an organisation as the wire shows it (without the stored path). */
const publicOrg = ({ path: _path, ...org }: OrganisationRecord): Organisation => org;

/**
 * `GET /v1/me`: the actor behind the token and, for staff, their organisation.
 *
 * @example
 * ```ts
 * app.get('/v1/me', (c) => me(c));
 * ```
 */
export function me(c: Context<AppEnv>): Response {
  const caller = c.get('caller');
  return c.json({ actor: caller.actor, organisation: caller.organisation && publicOrg(caller.organisation) });
}

/**
 * `GET /v1/organisations`: staff get their organisation's subtree, the system the whole tree, a
 * customer none.
 *
 * @example
 * ```ts
 * app.get('/v1/organisations', (c) => organisations(c, deps));
 * ```
 */
export async function organisations(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  if (caller.actor.kind === 'customer') return c.json({ data: [] });
  const orgs = await deps.store.listOrganisations(caller.organisation?.path);
  return c.json({ data: orgs.map(publicOrg) });
}
