import type { Problem } from '@complaintkit/core/domain';

/** @internal */
const TYPE_BASE = 'https://complaintkit.dev/problems/';

/** @internal the title of each problem code. */
const TITLES: Record<string, string> = {
  validation_failed: 'The request is invalid',
  unauthenticated: 'A valid bearer token is required',
  forbidden: 'Not allowed',
  role_not_allowed: 'Your role may not do this',
  not_found: 'Not found',
  invalid_transition: 'Not possible in the current state',
  rule_violation: 'A handling rule forbids this',
  idempotency_key_reused: 'Idempotency-Key already used for another request',
  conflict: 'Changed concurrently',
  unsupported_media_type: 'The body must be JSON',
  internal: 'Internal error',
};

/**
 * An error that becomes an RFC 9457 problem document (`application/problem+json`). Throw it from a
 * route; the error handler adds the request id and sends it.
 *
 * @example
 * ```ts
 * throw new HttpProblem(404, 'not_found', 'no complaint CK20260301-000009');
 * ```
 */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    detail?: string,
    readonly extra: Pick<Problem, 'errors' | 'allowedActions' | 'retryAfter'> = {},
  ) {
    super(detail ?? TITLES[code] ?? code);
  }

  /**
   * The problem document, with the request id.
   *
   * @example
   * ```ts
   * new HttpProblem(401, 'unauthenticated').toProblem('req-1').status; // 401
   * ```
   */
  toProblem(requestId: string | undefined, instance?: string): Problem {
    return {
      type: `${TYPE_BASE}${this.code.replace(/_/g, '-')}`,
      title: TITLES[this.code] ?? this.code,
      status: this.status,
      detail: this.message,
      ...(instance !== undefined && { instance }),
      code: this.code,
      ...(requestId !== undefined && { requestId }),
      ...this.extra,
    };
  }
}

/**
 * 404 for anything missing or that the caller may not see (the two are never told apart).
 *
 * @example
 * ```ts
 * if (!visible) throw notFound();
 * ```
 */
export const notFound = (what = 'the resource'): HttpProblem =>
  new HttpProblem(404, 'not_found', `${what} does not exist or is not visible to you`);

/**
 * 400 naming each bad field.
 *
 * @example
 * ```ts
 * throw badRequest([{ path: 'description', message: 'Required' }]);
 * ```
 */
export const badRequest = (errors: { path: string; message: string }[]): HttpProblem =>
  new HttpProblem(400, 'validation_failed', `fix ${errors.map((e) => e.path || '(body)').join(', ')} and send the request again`, { errors });

/**
 * 422 for a rule of the bank or the Measures, naming the field.
 *
 * @example
 * ```ts
 * throw ruleViolation('toOrgId', 'no such organisation');
 * ```
 */
export const ruleViolation = (path: string, message: string, allowedActions?: readonly string[]): HttpProblem =>
  new HttpProblem(422, 'rule_violation', message, {
    errors: [{ path, message }],
    ...(allowedActions && { allowedActions: [...allowedActions] }),
  });
