import { InvalidTransitionError, type RefusalCode, RefusedError, ReviewUnavailableError, RuleViolationError } from '@complaintkit/core';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { ComplaintWritesBusyError, ConcurrentUpdateError, IdempotencyKeyReusedError, InvalidCursorError, isStatementTimeout } from '../store/errors.js';
import type { AppEnv } from './env.js';
import { describeError, type Logger } from './logger.js';
import { badRequest, HttpProblem } from './problem.js';
import { safePath } from './safe-path.js';

/** @internal A refused step's HTTP status, by its class: the state 409, a rule or an unavailable review 422, the role 403. */
const refusalStatus = (err: RefusedError): number =>
  err instanceof InvalidTransitionError ? 409 : err instanceof RuleViolationError || err instanceof ReviewUnavailableError ? 422 : 403;

/**
 * The problem an error stands for: our own problems as they are, lifecycle refusals as 409 / 403 /
 * 422 with `allowedActions`, a reused idempotency key as 422, anything unexpected as a bare 500.
 *
 * @example
 * ```ts
 * const p = problemOf(new InvalidTransitionError({ allowedActions: ['accept'], detail: 'no' }));
 * p.status; // 409
 * ```
 */
export function problemOf(err: unknown): HttpProblem | null {
  if (err instanceof HttpProblem) return err;
  if (err instanceof RefusedError) {
    return new HttpProblem(refusalStatus(err), err.code as RefusalCode, err.detail ?? err.message, { allowedActions: [...err.allowedActions] });
  }
  if (err instanceof IdempotencyKeyReusedError) return new HttpProblem(422, 'idempotency_key_reused', err.message);
  if (err instanceof ConcurrentUpdateError) return new HttpProblem(409, 'conflict', err.message);
  if (err instanceof InvalidCursorError) return badRequest([{ path: 'cursor', message: err.message }]);
  if (err instanceof ComplaintWritesBusyError) return new HttpProblem(503, 'unavailable', err.message, { retryAfter: err.retryAfterSeconds });
  if (isStatementTimeout(err)) {
    return new HttpProblem(503, 'unavailable', 'the database did not answer in time; send the request again shortly (with the same Idempotency-Key for a change)', { retryAfter: 1 });
  }
  if (err instanceof HTTPException && err.status < 500) {
    return new HttpProblem(err.status, 'validation_failed', err.message || 'the request cannot be handled', {
      errors: [{ path: '', message: err.status === 413 ? 'the body is too large' : err.message || 'invalid request' }],
    });
  }
  return null;
}

/**
 * Sends a problem document (`application/problem+json`) with the request id.
 *
 * @example
 * ```ts
 * return sendProblem(c, notFound());
 * ```
 */
export function sendProblem(c: Context<AppEnv>, problem: HttpProblem): Response {
  const headers: Record<string, string> = { 'content-type': 'application/problem+json' };
  if (problem.status === 401) headers['www-authenticate'] = 'Bearer';
  if (problem.extra.retryAfter !== undefined) headers['retry-after'] = String(problem.extra.retryAfter);
  return c.body(JSON.stringify(problem.toProblem(c.get('requestId'), safePath(c.req.path))), problem.status as 400, headers);
}

/**
 * The app's error handler: known errors become their problem; anything else is logged (redacted,
 * with the request id) and answered with a 500 problem that carries no stack and no personal data.
 *
 * @example
 * ```ts
 * app.onError(errorHandler(logger));
 * ```
 */
export const errorHandler = (logger: Logger) => (err: Error, c: Context<AppEnv>): Response => {
  const problem = problemOf(err);
  if (problem) return sendProblem(c, problem);
  logger.error({ msg: 'unhandled error', requestId: c.get('requestId'), method: c.req.method, path: safePath(c.req.path), error: describeError(err) });
  return sendProblem(c, new HttpProblem(500, 'internal', 'something went wrong on our side; retry later, quoting the request id'));
};
