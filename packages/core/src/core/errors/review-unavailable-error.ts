import { type RefusalInit, RefusedError } from './refused-error.js';

/**
 * No review (核查) is possible for this decision (HTTP 422 `review_unavailable`, or the domain's
 * `applyAction` locally): it was already reviewed (one review per decision), or it was decided by the
 * head office, which has no higher-level organisation inside the bank (docs/domain/lifecycle.md).
 * The complainant's remaining remedies are mediation, arbitration, litigation and the regulator.
 *
 * @example
 * ```ts
 * if (e instanceof ReviewUnavailableError) showOtherRemedies(e.detail);
 * ```
 */
export class ReviewUnavailableError extends RefusedError {
  override readonly name = 'ReviewUnavailableError';
  constructor(init: RefusalInit) {
    super(
      init, 'review_unavailable',
      'No review (核查) is possible for this decision',
      'Do not retry: point the complainant to the other remedies (mediation, arbitration, litigation, the regulator).',
    );
  }
}
