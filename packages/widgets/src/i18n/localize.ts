import { getConfig } from '../shared/config.js';
import { type MessageKey, PRIORITY_GROUP_ZH, type Translation, zhCN } from './zh-cn.js';

const translations = new Map<string, Translation>([['zh-cn', zhCN]]);

type EnglishModule = typeof import('./en.js');
let english: EnglishModule | undefined;
let englishLoading: Promise<void> | undefined;

/**
 * Loads the English words when an element is about to render in English (or in a registered
 * language whose domain labels are English) and they are not loaded yet; `undefined` when nothing
 * needs loading. They are a chunk of their own: a zh-CN page never downloads or parses them
 * (bench/results/widgets.md, "Widgets: time to interactive").
 *
 * @example
 * ```ts
 * await whenLanguageReady('en'); // translate('en', …) now answers in English
 * ```
 * @internal
 */
export function whenLanguageReady(locale: string): Promise<void> | undefined {
  if (english || domainLocale(locale) !== 'en') return undefined;
  englishLoading ??= import('./en.js').then((m) => {
    english = m;
    if (!translations.has('en')) translations.set('en', m.en);
  });
  return englishLoading;
}

/** The priority groups' labels for the domain language (English once loaded). @internal */
export const priorityGroupLabels = (lang: 'zh-CN' | 'en'): Readonly<Record<keyof typeof PRIORITY_GROUP_ZH, string>> =>
  lang === 'en' && english ? english.PRIORITY_GROUP_EN : PRIORITY_GROUP_ZH;

/** A language's code as the element will speak it: a registered one, or English (loaded on first use). */
const known = (code: string): string | undefined => translations.get(code)?.$code ?? (code === 'en' ? 'en' : undefined);

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
  const exact = known(lower);
  if (exact) return exact;
  const base = lower.split('-')[0] ?? '';
  if (base === 'zh') return 'zh-CN';
  return known(base) ?? 'zh-CN';
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
