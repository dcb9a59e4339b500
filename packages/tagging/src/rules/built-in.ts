import { RuleSet } from './schema.js';

/**
 * The built-in catalogue as one rule set, every rule at version 1 with its defaults: repeat complainer
 * (3 in 90 days), recent complaint by exact business category (30 days), dissatisfied after response
 * (90 days), regulator-referred and sensitive (365 days), verified priority groups (365 days), open
 * overdue complaint, and churn risk over 180 days (docs/domain/tags.md).
 *
 * @example
 * ```ts
 * const engine = new TagEngine({ rules: BUILT_IN_RULES });
 * ```
 */
export const BUILT_IN_RULES: RuleSet = RuleSet.parse({
  version: 'builtin-1',
  rules: [
    { kind: 'repeat_complainer', version: 1 },
    { kind: 'recent_complaint', version: 1 },
    { kind: 'dissatisfied_after_response', version: 1 },
    { kind: 'regulator_referred', version: 1 },
    { kind: 'sensitive_case', version: 1 },
    { kind: 'priority_group', version: 1 },
    { kind: 'open_overdue_complaint', version: 1 },
    { kind: 'churn_risk', version: 1 },
  ],
});
