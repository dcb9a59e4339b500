import { node } from './types.js';

/**
 * Dimension B of JR/T 0169-2018: the business category the complaint is about.
 *
 * @example
 * ```ts
 * import { BUSINESS_CATEGORIES } from '@complaintkit/core';
 * BUSINESS_CATEGORIES.filter((b) => b.parent === 'B02').map((b) => b.en);
 * ```
 */
export const BUSINESS_CATEGORIES = [
  node('B01', null, '人民币储蓄', 'RMB savings (deposits and withdrawals)'),
  node('B02', null, '贷款', 'Loans'),
  node('B0201', 'B02', '个人住房贷款', 'Personal housing loan (mortgage)'),
  node('B0202', 'B02', '个人消费贷款', 'Personal consumer loan'),
  node('B0203', 'B02', '个人经营贷款', 'Personal business loan'),
  node('B0299', 'B02', '其他贷款', 'Other loan'),
  node('B03', null, '银行卡', 'Bank cards'),
  node('B0301', 'B03', '借记卡', 'Debit card'),
  node('B0302', 'B03', '信用卡', 'Credit card'),
  node('B04', null, '支付结算', 'Payment and settlement'),
  node('B05', null, '人民币管理', 'RMB cash management'),
  node('B06', null, '外汇', 'Foreign exchange'),
  node('B07', null, '个人金融信息', 'Personal financial information'),
  node('B08', null, '自营理财', 'Own wealth management'),
  node('B09', null, '代理业务', 'Agency business (insurance, funds)'),
  node('B10', null, '贵金属', 'Precious metals'),
  node('B99', null, '其他', 'Other'),
] as const;

/** A dimension-B code. @example `const b: BusinessCategoryCode = 'B0302';` */
export type BusinessCategoryCode = (typeof BUSINESS_CATEGORIES)[number]['code'];

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
