import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * The caller aborted the request through its `signal`. Never retried. A mutation may or may not
 * have reached the service: repeat it with the same idempotency key to be sure.
 *
 * @example
 * ```ts
 * const ac = new AbortController();
 * client.complaints.get(id, { signal: ac.signal }).catch((e) => { if (!(e instanceof AbortError)) throw e; });
 * ac.abort();
 * ```
 */
export class AbortError extends ComplaintKitError {
  override readonly name = 'AbortError';
  constructor(init: ErrorInit) {
    super(init, 'aborted', 'The request was aborted by the caller', 'Nothing to do unless you still need the result.');
  }
}
