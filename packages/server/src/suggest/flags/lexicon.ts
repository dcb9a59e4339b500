import * as z from 'zod/mini';

/**
 * The kinds of sensitive case the lexicon recognises (docs/domain/lifecycle.md: sensitive cases go
 * to leadership, 包案): threats to go to the media or to court, to the regulator's hotline (12378 /
 * 12363) or to petition (信访), repeated escalation, and words of distress.
 *
 * @example
 * ```ts
 * SENSITIVE_KINDS.includes('media'); // true
 * ```
 */
export const SENSITIVE_KINDS = ['media', 'lawsuit', 'regulator', 'petition', 'repeated_escalation', 'distress'] as const;
/** One kind of sensitive case. @example `const k: SensitiveKind = 'lawsuit';` */
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

const phrase = z.string().check(z.minLength(1), z.maxLength(40), z.refine((s) => s.trim() !== '', 'a phrase may not be only white space'));

const KindRules = z.object({
  /** Phrases to find; matched after NFKC, lower case and with white space ignored (Latin words keep their boundaries). */
  phrases: z.array(phrase).check(z.minLength(1), z.maxLength(500)),
  /** Whether a negation cue just before a phrase cancels it (default true); distress is never cancelled by default. */
  negatable: z.optional(z.boolean()),
});

/**
 * A bank's sensitive-case lexicon, as a JSON file (`complaintkit-server serve --lexicon FILE`).
 * Validated by {@link parseLexicon}; the default is {@link DEFAULT_LEXICON}.
 *
 * @example
 * ```ts
 * const lexicon = LexiconSchema.parse({ version: 'bank-2026-11', kinds: { media: { phrases: ['媒体', 'press'] } }, negations: ['不会'] });
 * ```
 */
export const LexiconSchema = z.object({
  /** The bank's own label for this edition, recorded beside every flag. */
  version: z.string().check(z.minLength(1), z.maxLength(64)),
  kinds: z.partialRecord(z.enum(SENSITIVE_KINDS), KindRules),
  /** Cues such as 不会 or "will not": a phrase they precede within the window, in the same clause, is not flagged. */
  negations: z._default(z.array(phrase).check(z.maxLength(200)), []),
  /**
   * How far back a cue reaches, in tokens (a Chinese character or a Latin word) between the cue and
   * the phrase; default 4.
   */
  negationWindow: z._default(z.number().check(z.int(), z.minimum(0), z.maximum(20)), 4),
});
/** A lexicon as written. @example `const l: LexiconInput = { version: 'v1', kinds: {} };` */
export type LexiconInput = z.input<typeof LexiconSchema>;
/** A validated lexicon. @example `const l: Lexicon = parseLexicon(text);` */
export type Lexicon = z.infer<typeof LexiconSchema>;

/**
 * A lexicon file that cannot be used, with every problem found and where.
 *
 * @example
 * ```ts
 * try { parseLexicon(text); } catch (e) { if (e instanceof InvalidLexiconError) console.error(e.problems); }
 * ```
 */
export class InvalidLexiconError extends Error {
  override readonly name = 'InvalidLexiconError';
  constructor(readonly problems: readonly string[]) {
    super(`the sensitive-case lexicon is not valid; fix these and restart: ${problems.join('; ')}`);
  }
}

/**
 * Parses and validates a lexicon file's text: JSON of {@link LexiconSchema}'s shape, known kinds
 * only, no phrase listed twice within a kind (after normalisation). Throws
 * {@link InvalidLexiconError} listing every problem.
 *
 * @example
 * ```ts
 * const lexicon = parseLexicon(readFileSync('lexicon.json', 'utf8'));
 * ```
 */
export function parseLexicon(text: string): Lexicon {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new InvalidLexiconError([`not JSON: ${(e as Error).message}`]);
  }
  const parsed = z.safeParse(LexiconSchema, raw);
  if (!parsed.success) throw new InvalidLexiconError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  const problems: string[] = [];
  for (const [kind, rules] of Object.entries(parsed.data.kinds)) {
    const seen = new Set<string>();
    for (const p of rules?.phrases ?? []) {
      const key = p.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
      if (seen.has(key)) problems.push(`kinds.${kind}.phrases: "${p}" is listed twice`);
      seen.add(key);
    }
  }
  if (problems.length > 0) throw new InvalidLexiconError(problems);
  return parsed.data;
}
