import { getConfig } from '../shared/config.js';
import { en } from './en.js';
import { type MessageKey, type Translation, zhCN } from './zh-cn.js';

const translations = new Map<string, Translation>([
  ['zh-cn', zhCN],
  ['en', en],
]);

/**
 * Adds or replaces a language (Shoelace-style): every key of the zh-CN table with `{name}`
 * placeholders. Elements pick it when their `locale`, the nearest `lang`, or `configure({ locale })`
 * names it.
 *
 * @example
 * ```ts
 * import { registerTranslation, en } from '@complaintkit/widgets';
 * registerTranslation({ ...en, $code: 'en-HK', submit: 'Submit' });
 * ```
 */
export function registerTranslation(translation: Translation): void {
  translations.set(translation.$code.toLowerCase(), translation);
}

/**
 * The language an element speaks: its own `locale`, else the nearest `lang` attribute, else
 * `configure({ locale })`, else zh-CN. `en-GB` falls back to `en`; anything unknown to zh-CN.
 *
 * @example
 * ```ts
 * resolveLocale(undefined, document.body); // 'zh-CN' unless <html lang="en">
 * ```
 */
export function resolveLocale(own: string | undefined, el: Element): string {
  const asked = own || el.closest('[lang]')?.getAttribute('lang') || getConfig().locale || 'zh-CN';
  const lower = asked.toLowerCase();
  if (translations.has(lower)) return translations.get(lower)?.$code ?? 'zh-CN';
  const base = lower.split('-')[0] ?? '';
  if (base === 'zh') return 'zh-CN';
  return translations.get(base)?.$code ?? 'zh-CN';
}

/**
 * A message in a language with `{name}` placeholders filled (values are text, never markup).
 *
 * @example
 * ```ts
 * translate('en', 'counter', { n: 12, max: 5000 }); // '12 / 5000 characters'
 * ```
 */
export function translate(locale: string, key: MessageKey, params?: Record<string, string | number>): string {
  const table = translations.get(locale.toLowerCase()) ?? zhCN;
  const text = table[key] ?? zhCN[key];
  return params ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m)) : text;
}

/** `'zh-CN'` or `'en'` for the domain's labels (taxonomy, states). @internal */
export const domainLocale = (locale: string): 'zh-CN' | 'en' => (locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en');
