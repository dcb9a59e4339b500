import { PROBLEMS, type Problem, type ProblemCode, redactText } from '@complaintkit/core/domain';

/** @internal */
const TYPE_BASE = 'https://complaintkit.dev/problems/';

/**
 * An error that becomes an RFC 9457 problem document (`application/problem+json`). Throw it from a
 * route; the error handler adds the request id and sends it. Phone, ID and card numbers in its detail
 * and field messages are masked in the document (core's `redactText`).
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
    readonly code: ProblemCode,
    detail?: string,
    readonly extra: Pick<Problem, 'errors' | 'allowedActions' | 'retryAfter'> = {},
  ) {
    super(detail ?? PROBLEMS[code].title);
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
    // A detail may quote what the client sent (`no organisation <toOrgId>`): personal numbers in it
    // are masked here, once for every problem, with core's redactText.
    const { errors, ...extra } = this.extra;
    return {
      type: `${TYPE_BASE}${this.code.replace(/_/g, '-')}`,
      title: PROBLEMS[this.code].title,
      status: this.status,
      detail: redactText(this.message),
      ...(instance !== undefined && { instance }),
      code: this.code,
      ...(requestId !== undefined && { requestId }),
      ...extra,
      ...(errors && { errors: errors.map((e) => ({ ...e, path: redactText(e.path), message: redactText(e.message) })) }),
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
  new HttpProblem(400, 'validation_failed', `${errors.map((e) => `${e.path || 'the body'}: ${e.message}`).join('; ')}. Fix and send the request again.`, { errors });

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
