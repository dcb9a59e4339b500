import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * No response arrived (offline, DNS, TLS, connection reset, CORS). Retried automatically for reads
 * and keyed mutations; thrown once retries are spent.
 *
 * @example
 * ```ts
 * if (e instanceof NetworkError) outbox.keepForLater();
 * ```
 */
export class NetworkError extends ComplaintKitError {
  override readonly name = 'NetworkError';
  constructor(init: ErrorInit) {
    super(
      init, 'network_error',
      'The service could not be reached',
      'Check the connection, `baseUrl` and CORS, then send again (with the same idempotency key).',
      true,
    );
  }
}
