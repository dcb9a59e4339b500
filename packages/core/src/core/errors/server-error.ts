import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * HTTP 5xx: the service failed. Retried automatically; thrown once retries are spent. Quote
 * `requestId` to the service's operators.
 *
 * @example
 * ```ts
 * if (e instanceof ServerError) report(e.requestId);
 * ```
 */
export class ServerError extends ComplaintKitError {
  override readonly name = 'ServerError';
  constructor(init: ErrorInit) {
    super(
      init, 'internal',
      `The service failed${init.status ? ` (HTTP ${init.status})` : ''}`,
      'Send again later with the same idempotency key; report the requestId if it persists.',
      true,
    );
  }
}
