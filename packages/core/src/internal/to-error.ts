import { redactText } from '../domain/masking/redact.js';
import type { Problem } from '../domain/schemas/problem.js';
import { AuthenticationError } from '../core/errors/authentication-error.js';
import { ComplaintKitError, type ErrorInit } from '../core/errors/complaint-kit-error.js';
import { ConflictError } from '../core/errors/conflict-error.js';
import { ForbiddenError } from '../core/errors/forbidden-error.js';
import { InvalidTransitionError } from '../core/errors/invalid-transition-error.js';
import { NotFoundError } from '../core/errors/not-found-error.js';
import { RateLimitError } from '../core/errors/rate-limit-error.js';
import { ReviewUnavailableError } from '../core/errors/review-unavailable-error.js';
import { RuleViolationError } from '../core/errors/rule-violation-error.js';
import { ServerError } from '../core/errors/server-error.js';
import { TimeoutError } from '../core/errors/timeout-error.js';
import { type FieldIssue, ValidationError } from '../core/errors/validation-error.js';

/** @internal Paths and messages of zod issues (never the input values), redacted. */
export const issuesOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): FieldIssue[] =>
  issues.map((i) => ({ path: i.path.map(String).join('.'), message: redactText(i.message) }));

/**
 * @internal Maps a failed response (status and, when it parsed, its problem document) to the
 * error class for it. The problem's code wins over the status; free text is redacted.
 */
export function errorFromResponse(
  status: number,
  problem: Partial<Problem> | undefined,
  base: ErrorInit,
  retryAfterSeconds?: number,
): ComplaintKitError {
  const init: ErrorInit = {
    ...base,
    status,
    code: problem?.code ?? base.code,
    requestId: problem?.requestId ?? base.requestId,
    detail: problem?.detail === undefined ? undefined : redactText(problem.detail),
  };
  const allowedActions = problem?.allowedActions;
  switch (problem?.code) {
    case 'validation_failed':
      return new ValidationError({ ...init, source: 'server', fields: issuesOf((problem.errors ?? []).map((e) => ({ path: [e.path], message: e.message }))) });
    case 'invalid_rows':
      // A history file's bad rows: the path says the line too (`line 7: receivedAt`), and a CSV row's
      // record, the row a spreadsheet shows (`line 7 (record 5): receivedAt`).
      return new ValidationError({
        ...init,
        source: 'server',
        fields: issuesOf((problem.errors ?? []).map((e) => ({ path: [e.line === undefined ? e.path : `line ${e.line}${e.record === undefined ? '' : ` (record ${e.record})`}: ${e.path}`], message: e.message }))),
      });
    case 'unauthenticated':
      return new AuthenticationError(init);
    case 'forbidden':
    case 'role_not_allowed':
      return new ForbiddenError({ ...init, allowedActions });
    case 'not_found':
      return new NotFoundError(init);
    case 'invalid_transition':
      return new InvalidTransitionError({ ...init, allowedActions });
    case 'rule_violation':
      return new RuleViolationError(init);
    case 'review_unavailable':
      return new ReviewUnavailableError({ ...init, allowedActions });
    case 'idempotency_key_reused':
      return new ConflictError(init);
    case 'rate_limited':
      return new RateLimitError({ ...init, retryAfter: retryAfterSeconds ?? problem.retryAfter });
  }
  if (status === 400) return new ValidationError({ ...init, source: 'server', fields: [] });
  if (status === 401) return new AuthenticationError(init);
  if (status === 403) return new ForbiddenError({ ...init, allowedActions });
  if (status === 404) return new NotFoundError(init);
  if (status === 408) return new TimeoutError(init);
  if (status === 409) return new ConflictError(init);
  if (status === 429) return new RateLimitError({ ...init, retryAfter: retryAfterSeconds ?? problem?.retryAfter });
  if (status >= 500) return new ServerError(init);
  return new ComplaintKitError(
    init, `http_${status}`,
    `Unexpected HTTP ${status}`,
    'Check the request against the API reference.',
  );
}
