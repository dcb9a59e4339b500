import * as z from 'zod/mini';
import { BusinessCategory, ComplaintCause } from './codes.js';
import { text } from './primitives.js';

/**
 * The kinds of sensitive case the service flags from a complaint's words: threats to go to the media
 * or to court, to the regulator's hotline (12378 / 12363) or to petition (信访), repeated escalation,
 * and words of distress. A flag suggests escalation (包案); it never escalates by itself.
 *
 * @example
 * ```ts
 * SensitiveKind.parse('regulator');
 * ```
 */
export const SensitiveKind = z.enum(['media', 'lawsuit', 'regulator', 'petition', 'repeated_escalation', 'distress']);
/** A sensitive-case kind. @useDeclaredType @example `const k: SensitiveKind = 'media';` */
export type SensitiveKind = z.infer<typeof SensitiveKind>;

/**
 * What the suggestion operation reads: the words of a complaint being registered (send them as the
 * person types, debounced; nothing is stored).
 *
 * @example
 * ```ts
 * const body: SuggestClassificationInput = { description: '信用卡年费未经告知被扣收', requestedResolution: '要求退还' };
 * ```
 */
export const SuggestClassification = z.object({
  description: text(5000),
  requestedResolution: z.optional(text(2000)),
});
/** The body as sent. @useDeclaredType @example `const b: SuggestClassificationInput = { description: '…' };` */
export type SuggestClassificationInput = z.input<typeof SuggestClassification>;

/** @internal one suggested code with its score and the words behind it. */
const scored = <C extends z.core.$ZodType>(code: C) =>
  z.object({
    code,
    /** The model's probability, 0–1. */
    score: z.number().check(z.minimum(0), z.maximum(1)),
    /** Up to three fragments of the text that weighed most for this code. */
    evidence: z.array(z.string()),
  });

/**
 * One place a sensitive phrase was found: which field, the lexicon's phrase, the text as written, and
 * its UTF-16 offsets in that field.
 *
 * @example
 * ```ts
 * const e: FlagEvidence = { field: 'description', phrase: '12378', text: '１２３７８', start: 8, end: 13 };
 * ```
 */
export const FlagEvidence = z.object({
  field: z.enum(['description', 'requestedResolution']),
  phrase: z.string(),
  text: z.string(),
  start: z.number().check(z.int(), z.nonnegative()),
  end: z.number().check(z.int(), z.nonnegative()),
});
/** A flag's evidence. @useDeclaredType @example `flag.evidence.map((e: FlagEvidence) => e.text);` */
export type FlagEvidence = z.infer<typeof FlagEvidence>;

/**
 * A sensitive-case flag and its evidence.
 *
 * @example
 * ```ts
 * const f: SensitiveFlag = { kind: 'media', evidence: [{ field: 'description', phrase: '媒体', text: '媒体', start: 9, end: 11 }] };
 * ```
 */
export const SensitiveFlag = z.object({ kind: SensitiveKind, evidence: z.array(FlagEvidence) });
/** A sensitive-case flag. @useDeclaredType @example `const kinds = s.flags.map((f: SensitiveFlag) => f.kind);` */
export type SensitiveFlag = z.infer<typeof SensitiveFlag>;

/**
 * The suggestion operation's answer: the top business categories (B) and causes (C), best first,
 * with scores and evidence; sensitive-case flags (staff only: a customer gets none); whether
 * escalation is suggested; and the versions of the model and lexicon that produced it. Nothing is
 * applied: the person chooses, and records what was suggested with {@link SuggestionRecord}.
 *
 * @example
 * ```ts
 * const s = await client.classification.suggest({ description: '信用卡年费未经告知被扣收' });
 * s.businessCategory[0]?.code; // 'B0302'
 * ```
 */
export const ClassificationSuggestions = z.object({
  model: z.string(),
  lexicon: z.string(),
  businessCategory: z.array(scored(BusinessCategory)),
  cause: z.array(scored(ComplaintCause)),
  flags: z.array(SensitiveFlag),
  /** True when a flag suggests taking the case to leadership (包案). */
  escalationSuggested: z.boolean(),
});
/** The suggestions. @useDeclaredType @example `const s: ClassificationSuggestions = await client.classification.suggest(body);` */
export type ClassificationSuggestions = z.infer<typeof ClassificationSuggestions>;

/**
 * What was suggested when a complaint was registered, kept on the record beside the codes finally
 * chosen (`businessCategory`, `cause`) so the suggestions' accuracy can be measured in use. The
 * registering client sends what it showed; the service adds the flags it found itself.
 *
 * @example
 * ```ts
 * const r: SuggestionRecord = { model: 'nb1-3f9a2c0d1e2f3a4b', businessCategory: ['B0302', 'B0301'], cause: ['C11'] };
 * ```
 */
export const SuggestionRecord = z.object({
  /** The model id of the suggestions shown. */
  model: text(64),
  /** The business categories shown, best first. */
  businessCategory: z.array(BusinessCategory).check(z.maxLength(3)),
  /** The causes shown, best first. */
  cause: z.array(ComplaintCause).check(z.maxLength(3)),
});
/** A suggestion record. @useDeclaredType @example `complaint.suggestion?.businessCategory[0] === complaint.businessCategory;` */
export type SuggestionRecord = z.infer<typeof SuggestionRecord>;
