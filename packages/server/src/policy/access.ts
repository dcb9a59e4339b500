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
