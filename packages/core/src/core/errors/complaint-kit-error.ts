/**
 * What every ComplaintKit error knows about the call that failed. None of it is personal data: the
 * operation is a method and a path template, never a URL with a query or a body.
 *
 * @example
 * ```ts
 * const init: ErrorInit = { status: 404, code: 'not_found', requestId: 'req-1', operation: 'GET /v1/complaints/{id}' };
 * ```
 */
export interface ErrorInit {
  /** HTTP status, or `undefined` when no response arrived (network, timeout, abort, client-side validation). */
  status?: number | undefined;
  /** Machine-readable code: the problem document's `code`, or one of the client's own. */
  code?: string | undefined;
  /** The `X-Request-Id` of the call (the same across its retries). Quote it to the service's operators. */
  requestId?: string | undefined;
  /** The `Idempotency-Key` the call carried, if it was a mutation. */
  idempotencyKey?: string | undefined;
  /** `METHOD /path/{template}` of the call. */
  operation?: string | undefined;
  /** The problem document's `detail`, already redacted. */
  detail?: string | undefined;
  cause?: unknown;
}

/**
 * The base class of every error the ComplaintKit client throws. Catch it to handle them all, or a
 * subclass for one case. `retryable` says whether sending the same request again (with the same
 * idempotency key) later may succeed: the offline outbox relies on exactly this property.
 *
 * @example
 * ```ts
 * try {
 *   await client.complaints.get('CK20260301-000042');
 * } catch (e) {
 *   if (e instanceof ComplaintKitError) console.warn(e.code, e.status, e.requestId, e.retryable);
 * }
 * ```
 */
export class ComplaintKitError extends Error {
  override readonly name: string = 'ComplaintKitError';
  readonly status: number | undefined;
  readonly code: string;
  readonly requestId: string | undefined;
  readonly idempotencyKey: string | undefined;
  readonly operation: string | undefined;
  readonly detail: string | undefined;
  /** Whether the same request may succeed when sent again later (with the same idempotency key). */
  readonly retryable: boolean;

  constructor(init: ErrorInit, defaultCode: string, what: string, next: string, retryable = false) {
    const where = init.operation ? ` (${init.operation})` : '';
    const id = init.requestId ? ` [requestId ${init.requestId}]` : '';
    super(`${what}${where}. ${next}${id}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code ?? defaultCode;
    this.requestId = init.requestId;
    this.idempotencyKey = init.idempotencyKey;
    this.operation = init.operation;
    this.detail = init.detail;
    this.retryable = retryable;
  }
}
