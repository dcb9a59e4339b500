import { BUSINESS_CATEGORY_CODES, type BusinessCategoryCode } from './codes.js';
import { node, parentOf, type TaxonomyNode } from './types.js';

/**
 * zh-CN and en labels of each code; the mapped type makes a missing or unknown code a type error.
 *
 * @example
 * ```ts
 * BUSINESS_CATEGORY_LABELS['B01'][1]; // 'RMB savings (deposits and withdrawals)'
 * ```
 */
export const BUSINESS_CATEGORY_LABELS: { readonly [C in BusinessCategoryCode]: readonly [zh: string, en: string] } = {
  B01: ['人民币储蓄', 'RMB savings (deposits and withdrawals)'],
  B02: ['贷款', 'Loans'],
  B0201: ['个人住房贷款', 'Personal housing loan (mortgage)'],
  B0202: ['个人消费贷款', 'Personal consumer loan'],
  B0203: ['个人经营贷款', 'Personal business loan'],
  B0299: ['其他贷款', 'Other loan'],
  B03: ['银行卡', 'Bank cards'],
  B0301: ['借记卡', 'Debit card'],
  B0302: ['信用卡', 'Credit card'],
  B04: ['支付结算', 'Payment and settlement'],
  B05: ['人民币管理', 'RMB cash management'],
  B06: ['外汇', 'Foreign exchange'],
  B07: ['个人金融信息', 'Personal financial information'],
  B08: ['自营理财', 'Own wealth management'],
  B09: ['代理业务', 'Agency business (insurance, funds)'],
  B10: ['贵金属', 'Precious metals'],
  B99: ['其他', 'Other'],
};

/**
 * Dimension B of JR/T 0169-2018: the business category the complaint is about.
 *
 * @example
 * ```ts
 * import { BUSINESS_CATEGORIES } from '@complaintkit/core';
 * BUSINESS_CATEGORIES.filter((b) => b.parent === 'B02').map((b) => b.en);
 * ```
 */
export const BUSINESS_CATEGORIES: readonly TaxonomyNode<BusinessCategoryCode>[] = BUSINESS_CATEGORY_CODES.map((c) =>
  node(c, parentOf(c), ...BUSINESS_CATEGORY_LABELS[c]),
);
/**
 * The major class (first three characters) of a business category, used by the repeat-complaint
 * rule ("same B major class within W days").
 *
 * @example
 * ```ts
 * majorBusinessClass('B0302'); // 'B03'
 * ```
 */
export const majorBusinessClass = (code: BusinessCategoryCode): string => code.slice(0, 3);
