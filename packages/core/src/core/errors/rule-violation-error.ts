import { ComplaintKitError, type ErrorInit } from './complaint-kit-error.js';

/**
 * HTTP 422 `rule_violation`: a rule of the Measures or of the bank refuses the step (a third
 * extension, a review asked for too late, a handler who is the person complained about …).
 * `detail` (redacted) says which.
 *
 * @example
 * ```ts
 * if (e instanceof RuleViolationError) toast(e.detail ?? e.message);
 * ```
 */
export class RuleViolationError extends ComplaintKitError {
  override readonly name = 'RuleViolationError';
  constructor(init: ErrorInit) {
    super(
      init, 'rule_violation',
      'A handling rule refuses this step',
      'Read `detail` for the rule, then change the request (or escalate) instead of retrying.',
    );
  }
}
