import type { ComplaintCreate } from '@complaintkit/core/domain';
import type { Caller } from '../auth/caller.js';
import type { Store } from '../store/store.js';

/** @internal */
const emptyTree = () => new Error('the organisation tree is empty: seed or import organisations first');

/**
 * Decides which organisation handles a new complaint:
 * - a customer's goes to the branch of its region's province, else to head office (属地管理);
 * - staff name an organisation in their own subtree, or it stays with their organisation;
 * - the system names any existing organisation, else head office.
 * `null` when the named `handlingOrgId` is unknown or (for staff) outside their subtree: the route
 * answers 400 naming the field.
 *
 * @example
 * ```ts
 * const orgId = await handlingOrganisationFor(store, caller, input);
 * if (orgId === null) throw badRequest([{ path: 'handlingOrgId', message: '…' }]);
 * ```
 */
export async function handlingOrganisationFor(
  store: Pick<Store, 'getOrganisation' | 'findProvinceBranch' | 'headOffice'>,
  caller: Caller,
  input: Pick<ComplaintCreate, 'handlingOrgId' | 'regionCode'>,
): Promise<string | null> {
  if (caller.actor.kind === 'customer') {
    const branch = input.regionCode ? await store.findProvinceBranch(input.regionCode) : undefined;
    const org = branch ?? (await store.headOffice());
    if (!org) throw emptyTree();
    return org.id;
  }
  if (caller.actor.kind === 'staff') {
    if (input.handlingOrgId === undefined) return caller.actor.orgId;
    const org = await store.getOrganisation(input.handlingOrgId);
    if (!org || !caller.organisation || !org.path.startsWith(caller.organisation.path)) return null;
    return org.id;
  }
  if (input.handlingOrgId !== undefined) return (await store.getOrganisation(input.handlingOrgId)) ? input.handlingOrgId : null;
  const head = await store.headOffice();
  if (!head) throw emptyTree();
  return head.id;
}
