/**
 * The periods and thresholds the clocks use. The regulatory figures come from the Measures
 * (银行业保险业消费投诉处理管理办法, CBIRC Order 2020 No. 3), art. 17: decide within 15 days of receipt,
 * extendable to 30 for complex cases and by a further 30 with higher-level or senior approval.
 * Priority-group targets are internal and never change the regulatory deadline.
 *
 * @example
 * ```ts
 * const policy: ClockPolicy = { ...DEFAULT_CLOCK_POLICY, priorityDecisionDays: 3 };
 * ```
 */
export interface ClockPolicy {
  /** Art. 17: decision within 15 days of receipt. */
  readonly decisionDays: number;
  /** Art. 17: complex cases extended to 30 days in all. */
  readonly firstExtensionDays: number;
  /** Art. 17: a further 30 days after approval, 60 in all. */
  readonly secondExtensionDays: number;
  /** The Measures on review (核查) by the higher-level organisation: asked for within 30 days of receiving the decision. */
  readonly reviewRequestDays: number;
  /** The higher-level organisation decides a review within 30 days. */
  readonly reviewDecisionDays: number;
  /** Due soon once this share of the period has elapsed … */
  readonly warnFraction: number;
  /** … or once the deadline is this many days away, whichever comes first. */
  readonly warnWithinDays: number;
  /** Priority groups: first contact within this many hours (internal target). */
  readonly priorityFirstContactHours: number;
  /** Priority groups: decision within this many days (internal target). */
  readonly priorityDecisionDays: number;
}

/**
 * The defaults of docs/domain: 15 / 30 / 60 days, due soon at 80% or 2 days left, priority groups 2
 * hours to first contact and 5 days to decision.
 *
 * @example
 * ```ts
 * DEFAULT_CLOCK_POLICY.decisionDays; // 15
 * ```
 */
export const DEFAULT_CLOCK_POLICY: ClockPolicy = {
  decisionDays: 15,
  firstExtensionDays: 30,
  secondExtensionDays: 60,
  reviewRequestDays: 30,
  reviewDecisionDays: 30,
  warnFraction: 0.8,
  warnWithinDays: 2,
  priorityFirstContactHours: 2,
  priorityDecisionDays: 5,
};
