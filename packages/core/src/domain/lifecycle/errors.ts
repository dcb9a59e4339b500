import { ForbiddenError } from '../../core/errors/forbidden-error.js';
import { InvalidTransitionError } from '../../core/errors/invalid-transition-error.js';
import type { RefusalCode, RefusedError } from '../../core/errors/refused-error.js';
import { ReviewUnavailableError } from '../../core/errors/review-unavailable-error.js';
import { RuleViolationError } from '../../core/errors/rule-violation-error.js';
import type { ComplaintAction, ComplaintStatus } from './states.js';

/**
 * @internal The error for a step the domain refuses, of the same classes the client throws for the
 * service's refusals (`RefusedError` and its subclasses, exported from `@complaintkit/core`):
 * `invalid_transition` → `InvalidTransitionError`, `rule_violation` → `RuleViolationError`,
 * `review_unavailable` → `ReviewUnavailableError`, `role_not_allowed` / `forbidden` → `ForbiddenError`. `message` becomes its `detail`.
 */
export function refusal(
  code: RefusalCode,
  action: ComplaintAction | 'register',
  complaintStatus: ComplaintStatus | null,
  allowedActions: readonly ComplaintAction[],
  message: string,
): RefusedError {
  const init = { code, action, complaintStatus, allowedActions, detail: message };
  if (code === 'invalid_transition') return new InvalidTransitionError(init);
  if (code === 'rule_violation') return new RuleViolationError(init);
  if (code === 'review_unavailable') return new ReviewUnavailableError(init);
  return new ForbiddenError(init);
}
