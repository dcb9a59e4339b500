import type { Actor } from '@complaintkit/core/domain';
import type { OrganisationRecord } from '../store/store.js';
import type { Visibility } from '../policy/visibility.js';

/**
 * Who is calling, resolved from the bearer token: the actor, for staff their organisation (with its
 * path), and what they may see.
 *
 * @example
 * ```ts
 * const caller = c.get('caller');
 * if (caller.actor.kind === 'customer') …
 * ```
 */
export interface Caller {
  readonly actor: Actor;
  readonly organisation: OrganisationRecord | null;
  readonly visibility: Visibility;
}

/**
 * The idempotency scope of a caller: actor kind and id and, for staff, the role and organisation
 * acted as, so a key replays only for the same person acting in the same capacity (a member moved
 * to another organisation, or holding two roles, never gets the other capacity's first result).
 *
 * @example
 * ```ts
 * scopeOf(caller); // 'staff:u-2001:handler@SB-440301'
 * ```
 */
export const scopeOf = (caller: Caller): string =>
  caller.actor.kind === 'staff' ? `staff:${caller.actor.id}:${caller.actor.role}@${caller.actor.orgId}` : `${caller.actor.kind}:${caller.actor.id}`;
