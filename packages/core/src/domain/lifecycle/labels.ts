import type { Locale } from '../taxonomy/types.js';
import type { ComplaintStatus } from './states.js';

/**
 * How each complaint state reads to a person, in zh-CN and en: for status pages, inboxes and exports.
 *
 * @example
 * ```ts
 * STATUS_LABELS.under_review['zh-CN']; // '核查中'
 * ```
 */
export const STATUS_LABELS: { readonly [S in ComplaintStatus]: { readonly 'zh-CN': string; readonly en: string } } = {
  registered: { 'zh-CN': '已登记', en: 'Registered' },
  accepted: { 'zh-CN': '已受理', en: 'Accepted' },
  declined: { 'zh-CN': '不予办理', en: 'Declined' },
  in_progress: { 'zh-CN': '处理中', en: 'In progress' },
  on_hold: { 'zh-CN': '中止（外部鉴定中）', en: 'On hold (external appraisal)' },
  escalated: { 'zh-CN': '领导包案', en: 'Escalated to leadership' },
  responded: { 'zh-CN': '已答复', en: 'Responded' },
  followed_up: { 'zh-CN': '已回访', en: 'Followed up' },
  closed: { 'zh-CN': '已办结', en: 'Closed' },
  under_review: { 'zh-CN': '核查中', en: 'Under review' },
  merged: { 'zh-CN': '已合并', en: 'Merged' },
  withdrawn: { 'zh-CN': '已撤回', en: 'Withdrawn' },
};

/**
 * The label of a complaint state in a locale.
 *
 * @example
 * ```ts
 * statusLabel('responded', 'en'); // 'Responded'
 * ```
 */
export const statusLabel = (status: ComplaintStatus, locale: Locale = 'zh-CN'): string =>
  STATUS_LABELS[status]?.[locale] ?? status;
