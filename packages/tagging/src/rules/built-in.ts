import type { RuleSet } from './schema.js';

/**
 * The built-in catalogue as one rule set, every rule at version 1 with its defaults: repeat complainer
 * (3 in 90 days), recent complaint by exact business category (30 days), dissatisfied after response
 * (90 days), regulator-referred and sensitive (365 days), verified priority groups (365 days), open
 * overdue complaint, and churn risk over 180 days (docs/domain/tags.md). Written out with every default
 * filled in, as the rule schema gives it: the build and a test check that `RuleSet.parse` makes exactly
 * this of it (key order included: the rules' digest in the state is over their JSON), so a run loads
 * no schema for it.
 *
 * @example
 * ```ts
 * const engine = new TagEngine({ rules: BUILT_IN_RULES });
 * ```
 */
export const BUILT_IN_RULES: RuleSet = {
  version: 'builtin-1',
  rules: [
    { kind: 'repeat_complainer', version: 1, enabled: true, minComplaints: 3, windowDays: 90 },
    { kind: 'recent_complaint', version: 1, enabled: true, windowDays: 30, level: 'exact' },
    { kind: 'dissatisfied_after_response', version: 1, enabled: true, windowDays: 90, maxSatisfaction: 2, decisionRefused: true, reviewRequested: true },
    { kind: 'regulator_referred', version: 1, enabled: true, windowDays: 365 },
    { kind: 'sensitive_case', version: 1, enabled: true, windowDays: 365, severities: ['sensitive', 'major'] },
    { kind: 'priority_group', version: 1, enabled: true, windowDays: 365, bases: ['verified'] },
    { kind: 'open_overdue_complaint', version: 1, enabled: true },
    {
      kind: 'churn_risk',
      version: 1,
      enabled: true,
      windowDays: 180,
      weights: { recency: 0.3, frequency: 0.3, severity: 0.2, dissatisfaction: 0.2 },
      recencySteps: [
        { withinDays: 30, score: 1 },
        { withinDays: 90, score: 0.5 },
      ],
      frequencyCap: 3,
      bands: { medium: 0.4, high: 0.7 },
    },
  ],
};
