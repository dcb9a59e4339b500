import { COMPLAINT_CAUSE_CODES, type ComplaintCauseCode } from './codes.js';
import { node, parentOf, type TaxonomyNode } from './types.js';

/**
 * zh-CN and en labels of each code; the mapped type makes a missing or unknown code a type error.
 *
 * @example
 * ```ts
 * COMPLAINT_CAUSE_LABELS['C01'][1]; // 'Service attitude and quality'
 * ```
 */
export const COMPLAINT_CAUSE_LABELS: { readonly [C in ComplaintCauseCode]: readonly [zh: string, en: string] } = {
  C01: ['服务态度及服务质量', 'Service attitude and quality'],
  C02: ['服务设施、设备、业务系统', 'Facilities, equipment and systems'],
  C03: ['管理制度、业务规则与流程', 'Rules, policies and processes'],
  C04: ['营销方式和手段', 'Marketing methods'],
  C05: ['信息披露', 'Information disclosure'],
  C06: ['产品收益', 'Product returns'],
  C07: ['消费者自主选择权', 'Freedom of choice'],
  C08: ['合同条款', 'Contract terms'],
  C09: ['消费者资金安全', "Safety of the consumer's funds"],
  C10: ['消费者信息安全', "Security of the consumer's information"],
  C11: ['定价收费', 'Pricing and fees'],
  C12: ['债务催收方式和手段', 'Debt collection'],
  C99: ['其他', 'Other'],
};

/**
 * Dimension C of JR/T 0169-2018: the cause of the complaint.
 *
 * @example
 * ```ts
 * import { COMPLAINT_CAUSES } from '@complaintkit/core';
 * COMPLAINT_CAUSES[0].zh; // '服务态度及服务质量'
 * ```
 */
export const COMPLAINT_CAUSES: readonly TaxonomyNode<ComplaintCauseCode>[] = COMPLAINT_CAUSE_CODES.map((c) =>
  node(c, parentOf(c), ...COMPLAINT_CAUSE_LABELS[c]),
);

