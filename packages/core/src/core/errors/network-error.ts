import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * No usable answer arrived: offline, DNS, TLS, connection reset, CORS, or (as its subclass
 * {@link TimeoutError}) too slow. Retried automatically for reads and keyed mutations; thrown once
 * retries are spent. Always `retryable`.
 *
 * @example
 * ```ts
 * if (e instanceof NetworkError) outbox.keepForLater(); // TimeoutError too
 * ```
 */
export class NetworkError extends ComplaintKitError {
  override readonly name: string = 'NetworkError';
  constructor(
    init: ErrorInit,
    /** For subclasses: their own default code and wording. */
    text: { code: string; what: string; next: string } = {
      code: 'network_error',
      what: 'The service could not be reached',
      next: 'Check the connection, `baseUrl` and CORS, then send again (with the same idempotency key).',
    },
  ) {
    super(init, text.code, text.what, text.next, true);
  }
}
