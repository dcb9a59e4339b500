import type { ComplaintAction, ComplaintStatus } from './states.js';

/**
 * Why a lifecycle step was refused:
 * - `invalid_transition`: the complaint's state does not allow it (HTTP 409);
 * - `role_not_allowed`: the caller's role may not take it (HTTP 403);
 * - `rule_violation`: a rule of the Measures or of the bank refuses it, e.g. a third extension,
 *   a review requested too late, or the handler being the person complained about (HTTP 422).
 *
 * @example
 * ```ts
 * const c: LifecycleErrorCode = 'invalid_transition';
 * ```
 */
export type LifecycleErrorCode = 'invalid_transition' | 'role_not_allowed' | 'rule_violation';

/**
 * A refused lifecycle step. `allowedActions` lists what the same caller can do now, so a UI can
 * offer those instead.
 *
 * @example
 * ```ts
 * try {
 *   applyAction(complaint, 'close', {}, ctx);
 * } catch (e) {
 *   if (e instanceof LifecycleError) console.log(e.code, e.allowedActions);
 * }
 * ```
 */
export class LifecycleError extends Error {
  override readonly name = 'LifecycleError';
  constructor(
    readonly code: LifecycleErrorCode,
    readonly action: ComplaintAction | 'register',
    readonly status: ComplaintStatus | null,
    readonly allowedActions: readonly ComplaintAction[],
    message: string,
  ) {
    super(message);
  }
}
