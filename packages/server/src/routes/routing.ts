import type { ComplaintCreate } from '@complaintkit/core/domain';
import type { Caller } from '../auth/caller.js';
import { badRequest } from '../http/problem.js';
import type { Store } from '../store/store.js';

/**
 * Decides which organisation handles a new complaint:
 * - a customer's goes to the branch of its region's province, else to head office (属地管理);
 * - staff name an organisation in their own subtree, or it stays with their organisation;
 * - the system names any existing organisation, else head office.
 * An unknown (or, for staff, out-of-subtree) `handlingOrgId` is a 400 naming the field.
 *
 * @example
 * ```ts
 * const orgId = await routeRegistration(store, caller, input);
 * ```
 */
export async function routeRegistration(store: Pick<Store, 'getOrganisation' | 'findProvinceBranch' | 'headOffice'>, caller: Caller, input: ComplaintCreate): Promise<string> {
  const unknown = () => badRequest([{ path: 'handlingOrgId', message: 'no such organisation within your organisation' }]);
  if (caller.actor.kind === 'customer') {
    const branch = input.regionCode ? await store.findProvinceBranch(input.regionCode) : undefined;
    const org = branch ?? (await store.headOffice());
    if (!org) throw new Error('the organisation tree is empty: seed or import organisations first');
    return org.id;
  }
  if (caller.actor.kind === 'staff') {
    if (input.handlingOrgId === undefined) return caller.actor.orgId;
    const org = await store.getOrganisation(input.handlingOrgId);
    if (!org || !caller.organisation || !org.path.startsWith(caller.organisation.path)) throw unknown();
    return org.id;
  }
  if (input.handlingOrgId !== undefined) {
    if (!(await store.getOrganisation(input.handlingOrgId))) throw unknown();
    return input.handlingOrgId;
  }
  const head = await store.headOffice();
  if (!head) throw new Error('the organisation tree is empty: seed or import organisations first');
  return head.id;
}
