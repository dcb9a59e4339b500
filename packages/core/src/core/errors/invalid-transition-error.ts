import { type RefusalInit, RefusedError } from './refused-error.js';

/**
 * The complaint's current state does not allow this step (HTTP 409 `invalid_transition`, or the
 * domain's `applyAction` locally); it may have changed since you read it. `allowedActions` lists what
 * is possible now.
 *
 * @example
 * ```ts
 * if (e instanceof InvalidTransitionError) console.log('now possible:', e.allowedActions);
 * ```
 */
export class InvalidTransitionError extends RefusedError {
  override readonly name = 'InvalidTransitionError';
  constructor(init: RefusalInit) {
    const allowed = init.allowedActions ?? [];
    super(
      init, 'invalid_transition',
      'The complaint’s current state does not allow this action',
      `Reload the complaint; actions possible now: ${allowed.length ? allowed.join(', ') : 'none'}.`,
    );
  }
}
