import { node } from './types.js';

/**
 * Dimension A of JR/T 0169-2018 (金融消费者投诉统计分类及编码): the channel where the disputed
 * business was done. "Other" is coded 99 at each level, as the standard does.
 *
 * @example
 * ```ts
 * import { BUSINESS_CHANNELS } from '@complaintkit/core';
 * BUSINESS_CHANNELS.find((c) => c.code === 'A010303')?.zh; // '手机银行'
 * ```
 */
export const BUSINESS_CHANNELS = [
  node('A01', null, '前台', 'Front office'),
  node('A0101', 'A01', '营业现场', 'Outlet premises'),
  node('A0102', 'A01', '自助机具', 'Self-service machines'),
  node('A0103', 'A01', '电子渠道', 'Electronic channels'),
  node('A010301', 'A0103', '网上银行', 'Online banking'),
  node('A010302', 'A0103', '电话银行', 'Telephone banking'),
  node('A010303', 'A0103', '手机银行', 'Mobile banking app'),
  node('A010304', 'A0103', '公众平台（微信等）', 'Public platforms (WeChat etc.)'),
  node('A010305', 'A0103', '短信', 'SMS'),
  node('A010399', 'A0103', '其他电子渠道', 'Other electronic channel'),
  node('A0104', 'A01', '第三方渠道', 'Third party'),
  node('A0199', 'A01', '其他前台渠道', 'Other front-office channel'),
  node('A02', null, '中后台', 'Middle and back office'),
] as const;

/** A dimension-A code. @example `const c: BusinessChannelCode = 'A0101';` */
export type BusinessChannelCode = (typeof BUSINESS_CHANNELS)[number]['code'];
