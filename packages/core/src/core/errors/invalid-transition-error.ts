import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * HTTP 409 `invalid_transition`: the complaint's current state does not allow this action (it may
 * have changed since you read it). `allowedActions` lists what is possible now.
 *
 * @example
 * ```ts
 * if (e instanceof InvalidTransitionError) console.log('now possible:', e.allowedActions);
 * ```
 */
export class InvalidTransitionError extends ComplaintKitError {
  override readonly name = 'InvalidTransitionError';
  readonly allowedActions: readonly string[];
  constructor(init: ErrorInit & { allowedActions?: readonly string[] | undefined }) {
    const allowed = init.allowedActions ?? [];
    super(
      init, 'invalid_transition',
      'The complaint’s current state does not allow this action',
      `Reload the complaint; actions possible now: ${allowed.length ? allowed.join(', ') : 'none'}.`,
    );
    this.allowedActions = allowed;
  }
}
