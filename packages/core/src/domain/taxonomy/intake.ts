import { node } from './types.js';

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
export const INTAKE_CHANNELS = [
  node('outlet', null, '营业网点', 'Outlet'),
  node('hotline', null, '7×24 客服热线', 'Hotline (7×24)'),
  node('mobile_app', null, '手机银行', 'Mobile app'),
  node('online_banking', null, '网上银行', 'Online banking'),
  node('wechat', null, '微信', 'WeChat'),
  node('website', null, '官方网站', 'Website'),
  node('email', null, '电子邮件', 'Email'),
  node('letter', null, '信函', 'Letter'),
  node('regulator_transfer', null, '监管转办（12378 / 12363）', 'Regulator transfer (12378 / 12363)'),
  node('petition', null, '信访', 'Petition'),
  node('public_opinion', null, '舆情 / 媒体', 'Public opinion / media'),
  node('consumer_association', null, '消费者协会', 'Consumer association'),
  node('staff_mobile', null, '员工移动办公录入', 'Staff mobile office app'),
] as const;

/** An intake-channel code. @example `const c: IntakeChannelCode = 'hotline';` */
export type IntakeChannelCode = (typeof INTAKE_CHANNELS)[number]['code'];
