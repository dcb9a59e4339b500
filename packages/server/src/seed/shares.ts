import type { BusinessCategoryCode, BusinessChannelCode, ComplaintCauseCode, IntakeChannelCode } from '@complaintkit/core/domain';
import type { Weighted } from './prng.js';

/**
 * The shares the demo data is drawn from, each with where it comes from (the published figures are
 * summarised in docs/domain/taxonomy.md, Reference shares):
 *
 * - `cbirc_bank_complaints_quarterly.csv`: the regulator's quarterly bulletins of complaints it
 *   forwarded about banks. Credit cards were 56.9% (2020Q3), 54.0% (2021Q1), 49.6% (2021Q4), 50.0%
 *   (2022Q1) and 43.1% (2022Q4); personal loans 23.8%, 32.1%, 32.9%, 41.0%; wealth management 5.1%,
 *   4.2%, 5.1%, 6.4%.
 * - `boc_2025_complaint_distribution.csv`: a large bank's own 2025 disclosure by business category
 *   (debit card 33.6%, credit card 29.1%, loans 14.3%, payment and settlement 5.3% …) and by cause
 *   (rules and processes 73.4%, pricing and fees 8.6%, facilities and systems 5.6%, service attitude
 *   4.0%, debt collection 3.3%, information disclosure 2.2%, funds safety 1.2%, marketing 1.1%, the
 *   rest about 0.6%).
 *
 * Where the sources say nothing (intake channel, satisfaction, timing), the figures are plausible
 * assumptions, marked as such.
 */

/**
 * Dimension B. Credit cards about half and personal loans about a quarter (the regulator's bulletins,
 * 2020Q3–2022Q1), wealth management about 5% (own products plus agency sales). The remaining ~19% is
 * spread in the proportions of the BOC 2025 disclosure once its credit-card and loan lines are taken
 * out (debit card the largest, then payment and settlement, savings, FX …).
 *
 * @example
 * ```ts
 * rng.weighted(BUSINESS_SHARES); // 'B0302' about half the time
 * ```
 */
export const BUSINESS_SHARES: Weighted<BusinessCategoryCode> = [
  ['B0302', 50],
  // Personal loans 26%: consumer loans lead, then mortgages (housing-loan rate and prepayment issues).
  ['B0202', 12],
  ['B0201', 8],
  ['B0203', 4],
  ['B0299', 2],
  // Wealth management 5%: the bank's own products and agency sales (insurance, funds).
  ['B08', 2.5],
  ['B09', 2.5],
  // The rest, scaled from BOC 2025: debit 33.6, payment 5.3, savings 1.3, FX 2.8, PFI 0.8,
  // precious metals 0.6, cash 0.4, other 6.1 (collection is a cause here, C12, not a category).
  ['B0301', 10],
  ['B04', 3],
  ['B01', 1.5],
  ['B06', 1.2],
  ['B07', 0.6],
  ['B10', 0.4],
  ['B05', 0.3],
  ['B99', 2],
];

/**
 * Dimension C, the BOC 2025 distribution. The ~0.6% the source leaves unitemised is split over
 * information security, product returns, freedom of choice, contract terms and other.
 *
 * @example
 * ```ts
 * CAUSE_SHARES[0]; // ['C03', 73.4]
 * ```
 */
export const CAUSE_SHARES: Weighted<ComplaintCauseCode> = [
  ['C03', 73.4],
  ['C11', 8.6],
  ['C02', 5.6],
  ['C01', 4.0],
  ['C12', 3.3],
  ['C05', 2.2],
  ['C09', 1.2],
  ['C04', 1.1],
  ['C10', 0.2],
  ['C06', 0.1],
  ['C07', 0.1],
  ['C08', 0.1],
  ['C99', 0.1],
];

/**
 * How the base cause shares bend for a business category (multipliers; assumption). Debt collection
 * only arises for credit cards and loans; product returns and marketing belong to wealth management;
 * fees weigh more on cards; information security on personal financial information.
 *
 * @example
 * ```ts
 * causeSharesFor('B08').find(([c]) => c === 'C06'); // a much larger weight than in CAUSE_SHARES
 * ```
 */
export function causeSharesFor(business: BusinessCategoryCode): Weighted<ComplaintCauseCode> {
  const major = business.slice(0, 3);
  const mult: Partial<Record<ComplaintCauseCode, number>> = {};
  if (business === 'B0302') Object.assign(mult, { C12: 2, C11: 1.3 });
  else if (major === 'B02') Object.assign(mult, { C12: 1.3, C05: 1.5, C08: 10 });
  else mult.C12 = 0;
  if (major === 'B08' || major === 'B09') Object.assign(mult, { C06: 120, C04: 10, C05: 3, C07: 20 });
  if (major === 'B07') Object.assign(mult, { C10: 150 });
  if (business === 'B0301' || major === 'B01' || major === 'B04') Object.assign(mult, { C02: 1.8, C09: 2.5, C01: 1.3 });
  return CAUSE_SHARES.map(([c, w]) => [c, w * (mult[c] ?? 1)] as const);
}

/**
 * Dimension A (where the disputed business was done) for a business category (assumption): cards and
 * payments mostly in the app and the back office (billing, collection, risk controls); loans and
 * deposits at outlets; cash at outlets and machines.
 *
 * @example
 * ```ts
 * rng.weighted(channelSharesFor('B0302'));
 * ```
 */
export function channelSharesFor(business: BusinessCategoryCode): Weighted<BusinessChannelCode> {
  const major = business.slice(0, 3);
  if (business === 'B0302')
    return [['A010303', 36], ['A02', 26], ['A010302', 14], ['A0101', 9], ['A0104', 6], ['A010304', 4], ['A010305', 3], ['A010301', 2]];
  if (major === 'B02') return [['A0101', 38], ['A02', 30], ['A010303', 20], ['A0104', 6], ['A010302', 4], ['A010301', 2]];
  if (business === 'B0301' || major === 'B01')
    return [['A0101', 40], ['A010303', 26], ['A0102', 16], ['A02', 10], ['A010301', 4], ['A010305', 4]];
  if (major === 'B04') return [['A010303', 48], ['A0104', 24], ['A010301', 12], ['A02', 10], ['A0101', 6]];
  if (major === 'B08' || major === 'B09') return [['A0101', 46], ['A010303', 36], ['A010301', 8], ['A0104', 6], ['A02', 4]];
  if (major === 'B05') return [['A0101', 70], ['A0102', 30]];
  return [['A0101', 40], ['A010303', 25], ['A02', 20], ['A010301', 5], ['A0199', 5], ['A010399', 5]];
}

/**
 * How complaints reach the bank (assumption, in line with banks' disclosures that the 7×24 hotline
 * and the app carry most of them). Regulator transfers (12378 / 12363) about 4%: the early-warning
 * threshold is 5%.
 *
 * @example
 * ```ts
 * rng.weighted(INTAKE_SHARES); // 'hotline' about 45% of the time
 * ```
 */
export const INTAKE_SHARES: Weighted<IntakeChannelCode> = [
  ['hotline', 45],
  ['mobile_app', 22],
  ['outlet', 11],
  ['wechat', 5],
  ['regulator_transfer', 4],
  ['staff_mobile', 3.5],
  ['online_banking', 3],
  ['website', 1.5],
  ['email', 1],
  ['letter', 1],
  ['consumer_association', 1.5],
  ['petition', 0.8],
  ['public_opinion', 0.7],
];

/**
 * Where the regional complaints arise, by province branch, roughly by size of customer base
 * (Guangdong, with Shenzhen, the largest; assumption).
 *
 * @example
 * ```ts
 * rng.weighted(BRANCH_SHARES); // 'BR-44' about 22% of the time
 * ```
 */
export const BRANCH_SHARES: Weighted<string> = [
  ['BR-11', 18],
  ['BR-31', 15],
  ['BR-44', 22],
  ['BR-33', 14],
  ['BR-35', 9],
  ['BR-51', 11],
  ['BR-42', 11],
];

/**
 * How often a regional complaint is handled by the branch above the customer's sub-branch rather
 * than by the sub-branch itself (属地管理 either way; assumption). The Beijing branch runs a
 * centralised complaint desk (集中处理), where the demo's handler and manager work.
 *
 * @example
 * ```ts
 * BRANCH_LEVEL_HANDLING['BR-11']; // 0.8
 * ```
 */
export const BRANCH_LEVEL_HANDLING: Readonly<Record<string, number>> & { readonly default: number } = {
  default: 0.45,
  'BR-11': 0.8,
};

/**
 * Other rates of the demo (assumptions unless said otherwise).
 *
 * @example
 * ```ts
 * if (rng.chance(RATES.repeat)) { … }
 * ```
 */
export const RATES = {
  /** Credit-card complaints handled by the credit-card centre (the rest at a branch, e.g. sold there). */
  creditCardToCentre: 0.85,
  /** Complaints that repeat an earlier one of the same customer and B major class within 30 days. */
  repeat: 0.07,
  /** Window of the repeat rule, days (docs/domain/metrics.md: default 30). */
  repeatWindowDays: 30,
  /** A repeat arriving while the earlier complaint is still open is merged into it this often. */
  mergeOpenRepeat: 0.4,
  /** New complaints from a customer who has complained before (a different matter). */
  returningCustomer: 0.06,
  /** Complainants who are not customers (no customer id). */
  nonCustomer: 0.03,
  /** Complainants in a priority group (mostly elderly). */
  priority: 0.035,
  /** Registrations with an ID number / a card number on record. */
  withIdNumber: 0.45,
  withCardNumber: 0.5,
  /** Represented by an agent or heir. */
  represented: 0.015,
  /** Declined as out of scope (不予办理). */
  decline: 0.008,
  /** Withdrawn by the complainant before a decision. */
  withdraw: 0.02,
  /** Severity (escalated, 包案): complex / sensitive / major. */
  complex: 0.02,
  sensitive: 0.008,
  major: 0.002,
  /** Held for an external appraisal, test or assessment. */
  hold: 0.025,
  /** Extended to 30 days; of those, extended again to 60. */
  extend: 0.05,
  secondExtend: 0.12,
  /** Decided after the deadline (historical timeliness about 99%). */
  late: 0.008,
  /** Moved to another organisation after acceptance (wrong routing, 属地管理). */
  transfer: 0.05,
  /** Followed up (回访) after the decision; reached when called. */
  followUp: 0.92,
  reached: 0.9,
  /** Review (核查) asked for after a decision, mostly by the dissatisfied. */
  reviewIfDissatisfied: 0.3,
  reviewOtherwise: 0.003,
  /** Reopened with new facts after closing. */
  reopen: 0.003,
  /** Complaints received in the last three weeks that stall at a stage, so the demo has live work. */
  liveStall: 0.35,
  /** Open complaints left past their deadline (a handful, for the overdue views). */
  overdueCount: 6,
} as const;

/**
 * Satisfaction scores of reached follow-ups (回访) when the complaint was upheld at least in part: 97%
 * score 4–5. With the lower scores after a complaint not upheld, about 95% overall (banks report
 * 95–98%; the early-warning threshold is 95%).
 *
 * @example
 * ```ts
 * rng.weighted(SATISFACTION_SHARES); // 5 most of the time
 * ```
 */
export const SATISFACTION_SHARES: Weighted<number> = [
  [5, 80],
  [4, 17],
  [3, 2],
  [2, 0.6],
  [1, 0.4],
];

/**
 * Decisions: upheld, partly upheld, not upheld (assumption).
 *
 * @example
 * ```ts
 * rng.weighted(OUTCOME_SHARES);
 * ```
 */
export const OUTCOME_SHARES: Weighted<'upheld' | 'partly_upheld' | 'not_upheld'> = [
  ['upheld', 32],
  ['partly_upheld', 33],
  ['not_upheld', 35],
];

/**
 * Monthly volume: the demo bank receives about `base` complaints a month at the start of the window,
 * growing by `growthPerYear`, with a seasonal factor per calendar month (fewer around the Spring
 * Festival and National Day; more after the 618 and Double 11 shopping festivals and at year end,
 * when card bills and fees peak). Assumption.
 *
 * @example
 * ```ts
 * VOLUME.season[1]; // February: 0.8
 * ```
 */
export const VOLUME = {
  base: 175,
  growthPerYear: 0.12,
  season: [1.0, 0.8, 1.05, 1.0, 0.98, 1.04, 1.06, 1.0, 0.98, 0.9, 1.1, 1.08] as readonly number[],
  /** Weekend days see fewer complaints than weekdays. */
  weekend: 0.65,
} as const;
