import type { ActorRole } from '../schemas/actor.js';
import { type ComplaintAction, type ComplaintStatus, OPEN_STATUSES } from './states.js';

/**
 * One row of the lifecycle table (docs/domain/lifecycle.md): the states an action may start from, the
 * state it leads to, and the roles allowed to take it.
 *
 * @example
 * ```ts
 * TRANSITIONS.accept.roles; // ['frontline', 'handler', 'manager']
 * ```
 */
export interface TransitionRule {
  readonly from: readonly ComplaintStatus[];
  /** `same`: the state does not change (transfer, extend); `previous`: back to the state before the hold. */
  readonly to: ComplaintStatus | 'same' | 'previous';
  readonly roles: readonly ActorRole[];
}

/**
 * Who may register a complaint (首问负责: the registering actor becomes the first responder):
 * frontline and handler staff, the customer (self-service) and the system (regulator-transfer import).
 *
 * @example
 * ```ts
 * REGISTER_ROLES.includes('customer'); // true
 * ```
 */
export const REGISTER_ROLES: readonly ActorRole[] = ['frontline', 'handler', 'customer', 'system'];

/**
 * The lifecycle as an explicit state machine. Auditors appear nowhere: they read and never change.
 *
 * @example
 * ```ts
 * TRANSITIONS.hold; // { from: ['in_progress', 'escalated'], to: 'on_hold', roles: ['handler'] }
 * ```
 */
export const TRANSITIONS: { readonly [A in ComplaintAction]: TransitionRule } = {
  accept: { from: ['registered'], to: 'accepted', roles: ['frontline', 'handler', 'manager'] },
  // During handling only on the ground that the complainant did not make it (rules.ts, declineRefusal).
  decline: { from: ['registered', 'accepted', 'in_progress', 'on_hold', 'escalated'], to: 'declined', roles: ['manager'] },
  merge: { from: ['registered', 'accepted', 'in_progress'], to: 'merged', roles: ['handler', 'manager'] },
  transfer: {
    from: ['registered', 'accepted', 'in_progress', 'escalated', 'under_review'],
    to: 'same',
    roles: ['handler', 'manager', 'leadership'],
  },
  start: { from: ['accepted'], to: 'in_progress', roles: ['handler', 'manager'] },
  escalate: { from: ['accepted', 'in_progress'], to: 'escalated', roles: ['handler', 'manager'] },
  hold: { from: ['in_progress', 'escalated'], to: 'on_hold', roles: ['handler'] },
  resume: { from: ['on_hold'], to: 'previous', roles: ['handler'] },
  // Measures art. 17: first extension by the bank, second with higher-level or senior approval.
  extend: { from: ['accepted', 'in_progress', 'escalated', 'on_hold'], to: 'same', roles: ['manager', 'leadership'] },
  respond: { from: ['in_progress', 'escalated', 'under_review'], to: 'responded', roles: ['handler', 'leadership'] },
  follow_up: { from: ['responded'], to: 'followed_up', roles: ['frontline', 'handler', 'customer'] },
  close: { from: ['responded', 'followed_up'], to: 'closed', roles: ['handler', 'manager'] },
  request_review: { from: ['responded', 'followed_up', 'closed'], to: 'under_review', roles: ['customer', 'frontline'] },
  reopen: { from: ['closed'], to: 'in_progress', roles: ['handler', 'manager'] },
  withdraw: { from: [...OPEN_STATUSES], to: 'withdrawn', roles: ['customer', 'frontline'] },
  // docs/domain/clocks.md, "New facts": new material during handling restarts the period from the day it
  // arrived; recorded by those who handle (as reopen, which does the same after closing).
  new_facts: { from: ['accepted', 'in_progress', 'escalated', 'on_hold'], to: 'same', roles: ['handler', 'manager'] },
};
