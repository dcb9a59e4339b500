import { actorRole, type ComplaintAction, REGISTER_ROLES, TRANSITIONS } from '@complaintkit/core/domain';
import type { Caller } from '../auth/caller.js';

/**
 * True when the caller may change things at all (auditors read only).
 *
 * @example
 * ```ts
 * if (!mayWrite(caller)) throw forbidden();
 * ```
 */
export const mayWrite = (caller: Caller): boolean => !(caller.actor.kind === 'staff' && caller.actor.role === 'auditor');

/**
 * Whether the caller may act on a visible complaint: staff act only where it is handled now (their
 * subtree holds the handling organisation). A first responder's organisation keeps sight of it after a
 * transfer (首问负责制) and may still act for the complainant (withdraw, request a review), nothing else.
 *
 * @example
 * ```ts
 * mayActOn(caller, record, 'accept'); // false when only the first responder's org is ours
 * ```
 */
export function mayActOn(caller: Caller, r: { handlingOrgPath: string }, action: string): boolean {
  const v = caller.visibility;
  if (v.kind !== 'subtree') return true;
  return r.handlingOrgPath.startsWith(v.path) || action === 'withdraw' || action === 'request_review';
}

/**
 * Whether the caller's role may ever take this step (register, or a lifecycle action), whatever the
 * complaint's state: core's `REGISTER_ROLES` and `TRANSITIONS`. Checked before the body is read, so a
 * role that may not act is told so (403) before it is told how to fix its body (400).
 *
 * @example
 * ```ts
 * roleMayTake(caller, 'decline'); // false for frontline staff
 * ```
 */
export const roleMayTake = (caller: Caller, step: ComplaintAction | 'register'): boolean => {
  const role = actorRole(caller.actor);
  return step === 'register' ? REGISTER_ROLES.includes(role) : TRANSITIONS[step].roles.includes(role);
};
