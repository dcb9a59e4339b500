import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * HTTP 401: the token is missing, expired or invalid, and a refresh (when a token provider is set)
 * did not help. Sign the user in again or fix the token provider.
 *
 * @example
 * ```ts
 * if (e instanceof AuthenticationError) router.push('/login');
 * ```
 */
export class AuthenticationError extends ComplaintKitError {
  override readonly name = 'AuthenticationError';
  constructor(init: ErrorInit) {
    super(
      init, 'unauthenticated',
      'The service did not accept the bearer token',
      'Sign in again, or make the token provider return a fresh, valid token.',
    );
  }
}
