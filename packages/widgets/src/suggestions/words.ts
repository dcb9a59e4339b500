import type { SensitiveKind } from '@complaintkit/core/domain';

/**
 * The words of the suggestion panel, in the two built-in languages. They load with the panel (not
 * with the form), so a form that never shows suggestions never downloads them.
 *
 * @example
 * ```ts
 * SUGGESTION_WORDS.en.title; // 'Suggested classification'
 * ```
 */
export const SUGGESTION_WORDS = {
  'zh-CN': {
    title: '建议分类（点选后生效）',
    business: '业务类别建议',
    cause: '投诉原因建议',
    chosen: '已选',
    score: '匹配度 {n}%',
    found: '根据描述找到 {n} 条建议，点选确认',
    flags: '敏感情形提示',
    escalation: '建议领导包案（升级处理）',
    kind: {
      media: '扬言媒体曝光',
      lawsuit: '扬言诉讼',
      regulator: '扬言向监管投诉（12378 / 12363）',
      petition: '扬言信访',
      repeated_escalation: '多次投诉或升级',
      distress: '情绪激动或极端言辞',
    },
  },
  en: {
    title: 'Suggested classification (tap to use)',
    business: 'Suggested business categories',
    cause: 'Suggested causes',
    chosen: 'chosen',
    score: '{n}% match',
    found: '{n} suggestions from the description; tap one to use it',
    flags: 'Sensitive-case flags',
    escalation: 'Escalation to leadership suggested (包案)',
    kind: {
      media: 'Threatens the media',
      lawsuit: 'Threatens to sue',
      regulator: 'Threatens the regulator (12378 / 12363)',
      petition: 'Threatens to petition',
      repeated_escalation: 'Repeated complaints or escalation',
      distress: 'Distress or extreme words',
    },
  },
} as const satisfies Record<'zh-CN' | 'en', { kind: Record<SensitiveKind, string> } & Record<string, unknown>>;

/** The panel's words in one language. @example `const w: SuggestionWords = SUGGESTION_WORDS['zh-CN'];` */
export type SuggestionWords = (typeof SUGGESTION_WORDS)[keyof typeof SUGGESTION_WORDS];
