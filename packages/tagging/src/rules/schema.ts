import { BusinessCategory, PriorityGroup, Severity } from '@complaintkit/core/domain';
import * as z from 'zod';

/** @internal fields every rule has. */
const base = {
  /** Bumped whenever the rule's meaning changes; every tag it assigns carries `<kind>@<version>`. */
  version: z.number().int().positive(),
  enabled: z.boolean().default(true),
};
/** @internal a window of whole days. */
const days = (fallback: number) => z.number().int().positive().max(3650).default(fallback);

/**
 * `repeat_complainer`: at least `minComplaints` complaints received within `windowDays`.
 *
 * @example
 * ```ts
 * RepeatComplainerRule.parse({ kind: 'repeat_complainer', version: 1, minComplaints: 3, windowDays: 90 });
 * ```
 */
export const RepeatComplainerRule = z.object({
  kind: z.literal('repeat_complainer'),
  ...base,
  minComplaints: z.number().int().min(2).default(3),
  windowDays: days(90),
});

/**
 * `recent_complaint:<business type>`: a complaint about that business category within `windowDays`,
 * at the `major` class (`B03`) or the exact code (`B0302`), optionally only for the listed categories.
 *
 * @example
 * ```ts
 * RecentComplaintRule.parse({ kind: 'recent_complaint', version: 1, windowDays: 30, level: 'exact' });
 * ```
 */
export const RecentComplaintRule = z.object({
  kind: z.literal('recent_complaint'),
  ...base,
  windowDays: days(30),
  level: z.enum(['exact', 'major']).default('exact'),
  categories: z.array(BusinessCategory).optional(),
});

/**
 * `dissatisfied_after_response`: within `windowDays` of a follow-up scoring `maxSatisfaction` or less,
 * or refusing the decision, or of a review request (核查).
 *
 * @example
 * ```ts
 * DissatisfiedRule.parse({ kind: 'dissatisfied_after_response', version: 1, maxSatisfaction: 2 });
 * ```
 */
export const DissatisfiedRule = z.object({
  kind: z.literal('dissatisfied_after_response'),
  ...base,
  windowDays: days(90),
  maxSatisfaction: z.number().int().min(1).max(4).default(2),
  decisionRefused: z.boolean().default(true),
  reviewRequested: z.boolean().default(true),
});

/**
 * `regulator_referred`: a complaint transferred by the regulator (12378 / 12363) within `windowDays`.
 *
 * @example
 * ```ts
 * RegulatorReferredRule.parse({ kind: 'regulator_referred', version: 1, windowDays: 365 });
 * ```
 */
export const RegulatorReferredRule = z.object({ kind: z.literal('regulator_referred'), ...base, windowDays: days(365) });

/**
 * `sensitive_case`: a complaint of one of `severities` within `windowDays`.
 *
 * @example
 * ```ts
 * SensitiveCaseRule.parse({ kind: 'sensitive_case', version: 1, severities: ['sensitive', 'major'] });
 * ```
 */
export const SensitiveCaseRule = z.object({
  kind: z.literal('sensitive_case'),
  ...base,
  windowDays: days(365),
  severities: z.array(z.enum(Severity.options).exclude(['normal'])).min(1).default(['sensitive', 'major']),
});

/**
 * `priority_group:<group>`: a complaint within `windowDays` whose complainant belongs to the group on
 * one of the accepted `bases` (verified only, by default: membership is never inferred).
 *
 * @example
 * ```ts
 * PriorityGroupRule.parse({ kind: 'priority_group', version: 1, bases: ['verified'] });
 * ```
 */
export const PriorityGroupRule = z.object({
  kind: z.literal('priority_group'),
  ...base,
  windowDays: days(365),
  bases: z.array(z.enum(['verified', 'self_reported'])).min(1).default(['verified']),
  groups: z.array(PriorityGroup).optional(),
});

/**
 * `open_overdue_complaint`: a complaint without a decision past its decision deadline; valid until it
 * is decided.
 *
 * @example
 * ```ts
 * OpenOverdueRule.parse({ kind: 'open_overdue_complaint', version: 1 });
 * ```
 */
export const OpenOverdueRule = z.object({ kind: z.literal('open_overdue_complaint'), ...base });

/**
 * `churn_risk:<band>`: a score in [0, 1] from recency, frequency, severity and dissatisfaction over the
 * complaints of `windowDays`, banded `low` / `medium` / `high`. Recency is a step function
 * (`recencySteps`, nearest first), so the score only changes at known instants and an incremental run
 * can find every customer whose band moved.
 *
 * @example
 * ```ts
 * ChurnRiskRule.parse({ kind: 'churn_risk', version: 1, bands: { medium: 0.4, high: 0.7 } });
 * ```
 */
export const ChurnRiskRule = z
  .object({
    kind: z.literal('churn_risk'),
    ...base,
    windowDays: days(180),
    weights: z
      .object({
        recency: z.number().min(0).max(1),
        frequency: z.number().min(0).max(1),
        severity: z.number().min(0).max(1),
        dissatisfaction: z.number().min(0).max(1),
      })
      .default({ recency: 0.3, frequency: 0.3, severity: 0.2, dissatisfaction: 0.2 }),
    recencySteps: z
      .array(z.object({ withinDays: z.number().int().positive(), score: z.number().min(0).max(1) }))
      .min(1)
      .default([
        { withinDays: 30, score: 1 },
        { withinDays: 90, score: 0.5 },
      ]),
    /** Complaints in the window at which frequency scores 1. */
    frequencyCap: z.number().int().positive().default(3),
    bands: z.object({ medium: z.number().min(0).max(1), high: z.number().min(0).max(1) }).default({ medium: 0.4, high: 0.7 }),
  })
  .refine((r) => r.bands.medium < r.bands.high, { message: 'bands.medium must be below bands.high', path: ['bands'] })
  .refine((r) => r.recencySteps.every((s, i, all) => i === 0 || s.withinDays > (all[i - 1]?.withinDays ?? 0)), {
    message: 'recencySteps must be ordered nearest first, each withinDays larger than the one before',
    path: ['recencySteps'],
  });

/**
 * One tag rule: a built-in rule kind with its parameters and version.
 *
 * @example
 * ```ts
 * const r: TagRule = TagRule.parse({ kind: 'regulator_referred', version: 2 });
 * ```
 */
export const TagRule = z.discriminatedUnion('kind', [
  RepeatComplainerRule,
  RecentComplaintRule,
  DissatisfiedRule,
  RegulatorReferredRule,
  SensitiveCaseRule,
  PriorityGroupRule,
  OpenOverdueRule,
  ChurnRiskRule,
]);
/** A tag rule as parsed. @example `const r: TagRule = TagRule.parse({ kind: 'open_overdue_complaint', version: 1 });` */
export type TagRule = z.output<typeof TagRule>;
/** A tag rule as written. @example `const r: TagRuleInput = { kind: 'open_overdue_complaint', version: 1 };` */
export type TagRuleInput = z.input<typeof TagRule>;

/**
 * A versioned set of tag rules: what one run applies. At most one rule per kind, since each kind owns
 * its tag codes in the catalogue.
 *
 * @example
 * ```ts
 * const rules = RuleSet.parse({ version: '2026.11', rules: [{ kind: 'repeat_complainer', version: 1 }] });
 * ```
 */
export const RuleSet = z
  .object({
    /** The rule set's own version, written into every manifest. */
    version: z.string().min(1).max(64),
    rules: z.array(TagRule).min(1),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((r, i) => {
      if (seen.has(r.kind)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'kind'], message: `a second "${r.kind}" rule: keep one rule per kind` });
      seen.add(r.kind);
    });
  });
/** A rule set as parsed. @example `const s: RuleSet = RuleSet.parse(json);` */
export type RuleSet = z.output<typeof RuleSet>;
/** A rule set as written (defaults may be left out). @example `const s: RuleSetInput = { version: '1', rules: [] };` */
export type RuleSetInput = z.input<typeof RuleSet>;
