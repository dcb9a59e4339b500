import type { Caller } from '../auth/caller.js';
import { HttpProblem, notFound } from '../http/problem.js';
import type { OrganisationRecord, Store } from '../store/store.js';

/**
 * Who may read reports, trends, the heat map, regulator statistics and alerts: managers, leadership
 * and auditors, each over their own subtree (docs/domain/lifecycle.md, roles), and the system. Nobody
 * else: frontline staff, handlers and customers get 403.
 *
 * @example
 * ```ts
 * if (!mayReadReports(caller)) throw forbiddenReports();
 * ```
 */
export const mayReadReports = (caller: Caller): boolean =>
  caller.actor.kind === 'system' || (caller.actor.kind === 'staff' && ['manager', 'leadership', 'auditor'].includes(caller.actor.role));

/**
 * Who may create, change and remove alert rules, acknowledge and resolve alerts, and import history:
 * managers and leadership (auditors read only), and the system.
 *
 * @example
 * ```ts
 * if (!mayManageReporting(caller)) throw forbiddenReports('manage alert rules');
 * ```
 */
export const mayManageReporting = (caller: Caller): boolean =>
  caller.actor.kind === 'system' || (caller.actor.kind === 'staff' && ['manager', 'leadership'].includes(caller.actor.role));

/**
 * 403 naming who may do it instead.
 *
 * @example
 * ```ts
 * throw forbiddenReports('read reports');
 * ```
 */
export const forbiddenReports = (what = 'read reports'): HttpProblem =>
  new HttpProblem(403, 'forbidden', `only managers, leadership${what === 'read reports' ? ' and auditors' : ''} may ${what}; ask one of them`);

/**
 * The organisation a report covers: `orgId` when given (it must lie in the caller's subtree, else 404
 * as if it did not exist), else the caller's own organisation (the head office for the system).
 *
 * @example
 * ```ts
 * const scope = await reportScope(caller, store, query.orgId);
 * scope.path; // '/HO/BR-44/'
 * ```
 */
export async function reportScope(caller: Caller, store: Store, orgId: string | undefined): Promise<OrganisationRecord> {
  if (!mayReadReports(caller)) throw forbiddenReports();
  const own = caller.actor.kind === 'system' ? await store.headOffice() : caller.organisation;
  if (!own) throw notFound('your organisation');
  if (orgId === undefined || orgId === own.id) return own;
  const org = await store.getOrganisation(orgId);
  if (!org?.path.startsWith(own.path)) throw notFound('the organisation');
  return org;
}
