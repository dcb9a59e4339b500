import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * A conflict: HTTP 409 other than an invalid transition, or 422 `idempotency_key_reused` (the same
 * `Idempotency-Key` was sent before with a different body). Use a new key for a new request;
 * reuse a key only to repeat exactly the same one.
 *
 * @example
 * ```ts
 * if (e instanceof ConflictError && e.code === 'idempotency_key_reused') retryWithNewKey();
 * ```
 */
export class ConflictError extends ComplaintKitError {
  override readonly name = 'ConflictError';
  constructor(init: ErrorInit) {
    const reused = init.code === 'idempotency_key_reused';
    super(
      init, 'conflict',
      reused ? 'This Idempotency-Key was already used with a different body' : 'The request conflicts with the current state',
      reused ? 'Send a new request with a new idempotency key.' : 'Reload the resource and try again.',
    );
  }
}
