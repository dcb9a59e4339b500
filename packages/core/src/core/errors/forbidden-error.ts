import { type RefusalInit, RefusedError } from './refused-error.js';

/**
 * The caller is known but may not do this (HTTP 403 `forbidden` or `role_not_allowed`, or the
 * domain's `registerComplaint` / `applyAction` locally for a role that may not take the step). For a
 * lifecycle step, `allowedActions` lists what this caller can do with the complaint now.
 *
 * @example
 * ```ts
 * if (e instanceof ForbiddenError) showActions(e.allowedActions);
 * ```
 */
export class ForbiddenError extends RefusedError {
  override readonly name = 'ForbiddenError';
  constructor(init: RefusalInit) {
    super(
      init, 'forbidden',
      'The caller may not do this',
      init.allowedActions?.length
        ? `Offer one of the actions this caller may take now: ${init.allowedActions.join(', ')}.`
        : 'Ask someone with the right role or organisation, or check the token’s role.',
    );
  }
}
