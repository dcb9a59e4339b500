import { node } from './types.js';

/**
 * Dimension C of JR/T 0169-2018: the cause of the complaint.
 *
 * @example
 * ```ts
 * import { COMPLAINT_CAUSES } from '@complaintkit/core';
 * COMPLAINT_CAUSES[0].zh; // '服务态度及服务质量'
 * ```
 */
export const COMPLAINT_CAUSES = [
  node('C01', null, '服务态度及服务质量', 'Service attitude and quality'),
  node('C02', null, '服务设施、设备、业务系统', 'Facilities, equipment and systems'),
  node('C03', null, '管理制度、业务规则与流程', 'Rules, policies and processes'),
  node('C04', null, '营销方式和手段', 'Marketing methods'),
  node('C05', null, '信息披露', 'Information disclosure'),
  node('C06', null, '产品收益', 'Product returns'),
  node('C07', null, '消费者自主选择权', 'Freedom of choice'),
  node('C08', null, '合同条款', 'Contract terms'),
  node('C09', null, '消费者资金安全', "Safety of the consumer's funds"),
  node('C10', null, '消费者信息安全', "Security of the consumer's information"),
  node('C11', null, '定价收费', 'Pricing and fees'),
  node('C12', null, '债务催收方式和手段', 'Debt collection'),
  node('C99', null, '其他', 'Other'),
] as const;

/** A dimension-C code. @example `const c: ComplaintCauseCode = 'C11';` */
export type ComplaintCauseCode = (typeof COMPLAINT_CAUSES)[number]['code'];
