import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * HTTP 403 (`forbidden` or `role_not_allowed`): the caller is known but may not do this.
 * For a lifecycle action, `allowedActions` lists what this caller can do with the complaint now.
 *
 * @example
 * ```ts
 * if (e instanceof ForbiddenError) showActions(e.allowedActions);
 * ```
 */
export class ForbiddenError extends ComplaintKitError {
  override readonly name = 'ForbiddenError';
  readonly allowedActions: readonly string[];
  constructor(init: ErrorInit & { allowedActions?: readonly string[] | undefined }) {
    super(
      init, 'forbidden',
      'The caller may not do this',
      init.allowedActions?.length
        ? `Offer one of the actions this caller may take now: ${init.allowedActions.join(', ')}.`
        : 'Ask someone with the right role or organisation, or check the token’s role.',
    );
    this.allowedActions = init.allowedActions ?? [];
  }
}
