import { BUSINESS_CHANNEL_CODES, type BusinessChannelCode } from './codes.js';
import { node, parentOf, type TaxonomyNode } from './types.js';

/**
 * zh-CN and en labels of each code; the mapped type makes a missing or unknown code a type error.
 *
 * @example
 * ```ts
 * BUSINESS_CHANNEL_LABELS['A01'][1]; // 'Front office'
 * ```
 */
export const BUSINESS_CHANNEL_LABELS: { readonly [C in BusinessChannelCode]: readonly [zh: string, en: string] } = {
  A01: ['前台', 'Front office'],
  A0101: ['营业现场', 'Outlet premises'],
  A0102: ['自助机具', 'Self-service machines'],
  A0103: ['电子渠道', 'Electronic channels'],
  A010301: ['网上银行', 'Online banking'],
  A010302: ['电话银行', 'Telephone banking'],
  A010303: ['手机银行', 'Mobile banking app'],
  A010304: ['公众平台（微信等）', 'Public platforms (WeChat etc.)'],
  A010305: ['短信', 'SMS'],
  A010399: ['其他电子渠道', 'Other electronic channel'],
  A0104: ['第三方渠道', 'Third party'],
  A0199: ['其他前台渠道', 'Other front-office channel'],
  A02: ['中后台', 'Middle and back office'],
};

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
export const BUSINESS_CHANNELS: readonly TaxonomyNode<BusinessChannelCode>[] = BUSINESS_CHANNEL_CODES.map((c) =>
  node(c, parentOf(c), ...BUSINESS_CHANNEL_LABELS[c]),
);

