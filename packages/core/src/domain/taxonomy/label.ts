import { BUSINESS_CATEGORIES } from './business.js';
import { COMPLAINT_CAUSES } from './causes.js';
import { BUSINESS_CHANNELS } from './channels.js';
import { INTAKE_CHANNELS } from './intake.js';
import type { Locale, TaxonomyNode } from './types.js';

let index: Map<string, TaxonomyNode> | undefined;

/**
 * The label of any taxonomy code (dimension A, B, C or intake channel) in the given locale, or the
 * code itself when it is unknown, so that a new code never renders as an empty string.
 *
 * @example
 * ```ts
 * labelOf('B0302', 'zh-CN'); // '信用卡'
 * labelOf('hotline', 'en');  // 'Hotline (7×24)'
 * ```
 */
export function labelOf(code: string, locale: Locale = 'zh-CN'): string {
  index ??= new Map(
    [...BUSINESS_CHANNELS, ...BUSINESS_CATEGORIES, ...COMPLAINT_CAUSES, ...INTAKE_CHANNELS].map((n) => [n.code, n]),
  );
  const n = index.get(code);
  if (!n) return code;
  return locale === 'en' ? n.en : n.zh;
}
