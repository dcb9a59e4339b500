import { INTAKE_CHANNEL_CODES, type IntakeChannelCode } from './codes.js';
import { node, type TaxonomyNode } from './types.js';

/**
 * zh-CN and en labels of each intake channel; the mapped type makes a missing or unknown code a type error.
 *
 * @example
 * ```ts
 * INTAKE_CHANNEL_LABELS.hotline[0]; // '7×24 客服热线'
 * ```
 */
export const INTAKE_CHANNEL_LABELS: { readonly [C in IntakeChannelCode]: readonly [zh: string, en: string] } = {
  outlet: ['营业网点', 'Outlet'],
  hotline: ['7×24 客服热线', 'Hotline (7×24)'],
  mobile_app: ['手机银行', 'Mobile app'],
  online_banking: ['网上银行', 'Online banking'],
  wechat: ['微信', 'WeChat'],
  website: ['官方网站', 'Website'],
  email: ['电子邮件', 'Email'],
  letter: ['信函', 'Letter'],
  regulator_transfer: ['监管转办（12378 / 12363）', 'Regulator transfer (12378 / 12363)'],
  petition: ['信访', 'Petition'],
  public_opinion: ['舆情 / 媒体', 'Public opinion / media'],
  consumer_association: ['消费者协会', 'Consumer association'],
  staff_mobile: ['员工移动办公录入', 'Staff mobile office app'],
};

/**
 * How the complaint reached the bank (a field separate from dimension A, which is where the
 * disputed business was done).
 *
 * @example
 * ```ts
 * import { INTAKE_CHANNELS } from '@complaintkit/core';
 * INTAKE_CHANNELS.map((c) => c.code); // ['outlet', 'hotline', …]
 * ```
 */
export const INTAKE_CHANNELS: readonly TaxonomyNode<IntakeChannelCode>[] = INTAKE_CHANNEL_CODES.map((c) =>
  node(c, null, ...INTAKE_CHANNEL_LABELS[c]),
);
