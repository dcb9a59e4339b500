import type { ComplaintAction, ComplaintStatus } from '../../domain/lifecycle/states.js';
import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * Why a step was refused: `invalid_transition` (the complaint's state does not allow it, HTTP 409),
 * `role_not_allowed` or `forbidden` (the caller may not, HTTP 403), `rule_violation` (a rule of the
 * Measures or of the bank refuses it, HTTP 422), `review_unavailable` (no review of this decision is
 * possible, HTTP 422).
 *
 * @example
 * ```ts
 * const code: RefusalCode = 'rule_violation';
 * ```
 */
export type RefusalCode = 'invalid_transition' | 'role_not_allowed' | 'forbidden' | 'rule_violation' | 'review_unavailable';

/**
 * What a refusal knows besides {@link ErrorInit}: what the caller may do now, and, when the domain
 * refused it locally, the step and the complaint's status at the time.
 *
 * @example
 * ```ts
 * const init: RefusalInit = { code: 'invalid_transition', allowedActions: ['accept', 'decline'], action: 'close', complaintStatus: 'registered' };
 * ```
 */
export interface RefusalInit extends ErrorInit {
  /** The actions this caller may take on the complaint now. */
  allowedActions?: readonly string[] | undefined;
  /** The step that was refused (known when the domain refused it). */
  action?: ComplaintAction | 'register' | undefined;
  /** The complaint's status when the step was refused (`null` for a registration). */
  complaintStatus?: ComplaintStatus | null | undefined;
}

/**
 * A refused step: the complaint's state ({@link InvalidTransitionError}), the caller's role
 * ({@link ForbiddenError}) or a handling rule ({@link RuleViolationError}) does not allow it. The same
 * classes are thrown whether the service refused the step (the client reads its problem document) or
 * the domain refused it locally (`registerComplaint`, `applyAction`), so one `catch` handles both.
 * `allowedActions` lists what the same caller may do now, for a UI to offer instead; `detail` says why.
 *
 * @example
 * ```ts
 * try {
 *   await client.complaints.close(id);
 * } catch (e) {
 *   if (e instanceof RefusedError) offer(e.allowedActions, e.detail);
 * }
 * ```
 */
export class RefusedError extends ComplaintKitError {
  override readonly name: string = 'RefusedError';
  /** The actions this caller may take on the complaint now (empty when unknown or none). */
  readonly allowedActions: readonly ComplaintAction[];
  /** The step that was refused, when the domain refused it locally; `undefined` for the service's answers. */
  readonly action: ComplaintAction | 'register' | undefined;
  /** The complaint's status when the step was refused, when the domain refused it locally. */
  readonly complaintStatus: ComplaintStatus | null | undefined;

  /**
   * For the subclasses. A refusal by the domain (`action` known) adds its reason, the domain's own
   * wording without personal data, to the message; the service's `detail` is free text, so it stays in
   * `detail` (redacted) and out of the message.
   */
  protected constructor(init: RefusalInit, defaultCode: RefusalCode, what: string, next: string) {
    super(init, defaultCode, init.action !== undefined && init.detail ? `${what}: ${init.detail}` : what, next);
    this.allowedActions = (init.allowedActions ?? []) as readonly ComplaintAction[];
    this.action = init.action;
    this.complaintStatus = init.complaintStatus;
  }
}
