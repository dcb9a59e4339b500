import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * HTTP 404: no such resource, or one the caller may not see (the service says 404 for both, so
 * nothing leaks). Check the id and the token's organisation.
 *
 * @example
 * ```ts
 * if (e instanceof NotFoundError) showMessage('No such complaint');
 * ```
 */
export class NotFoundError extends ComplaintKitError {
  override readonly name = 'NotFoundError';
  constructor(init: ErrorInit) {
    super(
      init, 'not_found',
      'Not found',
      'Check the id; the service also answers 404 for what this token may not see.',
    );
  }
}
