/**
 * The taxonomy's codes alone, without labels: what the wire schemas need. Keeping the zh-CN and en
 * labels in their own modules keeps them out of every bundle that only validates.
 *
 * @module
 */

/**
 * Dimension A (business channel) codes of JR/T 0169-2018 as ComplaintKit codes them (docs/domain/taxonomy.md), in order.
 *
 * @example
 * ```ts
 * BUSINESS_CHANNEL_CODES.includes('A01'); // true
 * ```
 */
export const BUSINESS_CHANNEL_CODES = [
  'A01',
  'A0101',
  'A0102',
  'A0103',
  'A010301',
  'A010302',
  'A010303',
  'A010304',
  'A010305',
  'A010399',
  'A0104',
  'A0199',
  'A02',
] as const;
/** One such code. @example `const c: BusinessChannelCode = 'A02';` */
export type BusinessChannelCode = (typeof BUSINESS_CHANNEL_CODES)[number];

/**
 * Dimension B (business category) codes of JR/T 0169-2018 as ComplaintKit codes them (docs/domain/taxonomy.md), in order.
 *
 * @example
 * ```ts
 * BUSINESS_CATEGORY_CODES.includes('B01'); // true
 * ```
 */
export const BUSINESS_CATEGORY_CODES = [
  'B01',
  'B02',
  'B0201',
  'B0202',
  'B0203',
  'B0299',
  'B03',
  'B0301',
  'B0302',
  'B04',
  'B05',
  'B06',
  'B07',
  'B08',
  'B09',
  'B10',
  'B99',
] as const;
/** One such code. @example `const c: BusinessCategoryCode = 'B99';` */
export type BusinessCategoryCode = (typeof BUSINESS_CATEGORY_CODES)[number];

/**
 * Dimension C (cause) codes of JR/T 0169-2018 as ComplaintKit codes them (docs/domain/taxonomy.md), in order.
 *
 * @example
 * ```ts
 * COMPLAINT_CAUSE_CODES.includes('C01'); // true
 * ```
 */
export const COMPLAINT_CAUSE_CODES = [
  'C01',
  'C02',
  'C03',
  'C04',
  'C05',
  'C06',
  'C07',
  'C08',
  'C09',
  'C10',
  'C11',
  'C12',
  'C99',
] as const;
/** One such code. @example `const c: ComplaintCauseCode = 'C99';` */
export type ComplaintCauseCode = (typeof COMPLAINT_CAUSE_CODES)[number];

/**
 * Intake channel codes of JR/T 0169-2018 as ComplaintKit codes them (docs/domain/taxonomy.md), in order.
 *
 * @example
 * ```ts
 * INTAKE_CHANNEL_CODES.includes('outlet'); // true
 * ```
 */
export const INTAKE_CHANNEL_CODES = [
  'outlet',
  'hotline',
  'mobile_app',
  'online_banking',
  'wechat',
  'website',
  'email',
  'letter',
  'regulator_transfer',
  'petition',
  'public_opinion',
  'consumer_association',
  'staff_mobile',
] as const;
/** One such code. @example `const c: IntakeChannelCode = 'staff_mobile';` */
export type IntakeChannelCode = (typeof INTAKE_CHANNEL_CODES)[number];

/** @internal the codes of a list that no other code of it extends: its leaves, the "other" leaves included. */
const leavesOf = <C extends string>(codes: readonly C[]): [C, ...C[]] =>
  codes.filter((c) => !codes.some((o) => o !== c && o.startsWith(c))) as [C, ...C[]];

/**
 * The dimension-A codes a complaint may carry: leaves only (or a class's "other" leaf), so shares never
 * mix levels (docs/domain/taxonomy.md): `A0103` is a class, `A010303` its leaf.
 *
 * @example
 * ```ts
 * BUSINESS_CHANNEL_LEAF_CODES.includes('A010303'); // true
 * BUSINESS_CHANNEL_LEAF_CODES.includes('A0103');   // false
 * ```
 */
export const BUSINESS_CHANNEL_LEAF_CODES = leavesOf(BUSINESS_CHANNEL_CODES);

/**
 * The dimension-B codes a complaint may carry: leaves only (`B02` is a class; `B0201` … `B0299` its leaves).
 *
 * @example
 * ```ts
 * BUSINESS_CATEGORY_LEAF_CODES.includes('B0299'); // true
 * BUSINESS_CATEGORY_LEAF_CODES.includes('B02');   // false
 * ```
 */
export const BUSINESS_CATEGORY_LEAF_CODES = leavesOf(BUSINESS_CATEGORY_CODES);

/**
 * The dimension-C codes a complaint may carry: all of them are leaves today.
 *
 * @example
 * ```ts
 * COMPLAINT_CAUSE_LEAF_CODES.includes('C99'); // true
 * ```
 */
export const COMPLAINT_CAUSE_LEAF_CODES = leavesOf(COMPLAINT_CAUSE_CODES);
