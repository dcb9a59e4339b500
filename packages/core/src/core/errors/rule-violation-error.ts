import { type RefusalInit, RefusedError } from './refused-error.js';

/**
 * A rule of the Measures or of the bank refuses the step (HTTP 422 `rule_violation`, or the domain
 * locally): a third extension, a review asked for too late, a handler who is the person complained
 * about … `detail` (redacted) says which.
 *
 * @example
 * ```ts
 * if (e instanceof RuleViolationError) toast(e.detail ?? e.message);
 * ```
 */
export class RuleViolationError extends RefusedError {
  override readonly name = 'RuleViolationError';
  constructor(init: RefusalInit) {
    super(
      init, 'rule_violation',
      'A handling rule refuses this step',
      'Read `detail` for the rule, then change the request (or escalate) instead of retrying.',
    );
  }
}
