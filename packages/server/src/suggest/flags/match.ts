import { INVISIBLE_MARK } from '@complaintkit/core/domain';
import { DEFAULT_LEXICON } from './default-lexicon.js';
import { type Lexicon, SENSITIVE_KINDS, type SensitiveKind } from './lexicon.js';

/**
 * One place a lexicon phrase was found: the phrase as the lexicon lists it, the text as the
 * complainant wrote it (full-width, spaced and all), and where, in UTF-16 offsets of the input.
 *
 * @example
 * ```ts
 * const e: FlagEvidence = { phrase: '媒体', text: '媒 体', start: 5, end: 8 };
 * ```
 */
export interface FlagEvidence {
  readonly phrase: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * A sensitive-case flag: its kind and the evidence for it.
 *
 * @example
 * ```ts
 * const f: SensitiveFlag = { kind: 'regulator', evidence: [{ phrase: '12378', text: '１２３７８', start: 3, end: 8 }] };
 * ```
 */
export interface SensitiveFlag {
  readonly kind: SensitiveKind;
  readonly evidence: readonly FlagEvidence[];
}

/**
 * @internal a text normalised for matching, and for each of its characters the original UTF-16 range
 * it came from.
 *
 * @example
 * ```ts
 * const v: View = { text: '媒体', start: [0, 2], end: [1, 3] };
 * ```
 */
export interface View {
  readonly text: string;
  readonly start: readonly number[];
  readonly end: readonly number[];
}

/** @internal characters that end a clause: a negation never reaches across them. */
const CLAUSE_BREAK = /[。！？!?；;，,、\n：:]/u;
const LATIN = /[a-z0-9]/;
/** @internal the marks a view drops: core's, so a flag is not dodged by a mark the forms accept. */
const INVISIBLE = INVISIBLE_MARK;

/**
 * @internal a character's NFKC, lower-cased: ASCII without ICU (NFKC leaves it as it is; lower case
 * changes A-Z only), the rest through `normalize` and `toLowerCase`.
 */
const normalised = (cp: number, raw: string): string =>
  cp < 0x80 ? (cp >= 0x41 && cp <= 0x5a ? String.fromCharCode(cp + 0x20) : raw) : raw.normalize('NFKC').toLowerCase();

/**
 * @internal the input normalised character by character (NFKC, lower case), keeping each one's
 * original offsets. `keepSpaces` collapses white space to one space (for Latin words, which need their
 * boundaries); otherwise white space and invisible characters are dropped ("媒 体" reads "媒体").
 * A CJK unified ideograph (U+4E00-U+9FFF, most of a complaint's text) is taken as it is: NFKC and
 * lower case leave it unchanged and it is neither white space nor invisible (`normalize` per
 * character was ~85% of the flags' time on a creation; `match.test.ts` checks every code point
 * against the per-character rule).
 *
 * @example
 * ```ts
 * viewOf('媒 体', false).text; // '媒体'
 * ```
 */
export function viewOf(input: string, keepSpaces: boolean): View {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let lastSpace = true;
  for (let i = 0; i < input.length; ) {
    const cp = input.codePointAt(i) as number;
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      text += input[i];
      start.push(i);
      end.push(i + 1);
      lastSpace = false;
      i += 1;
      continue;
    }
    const width = cp > 0xffff ? 2 : 1;
    const raw = input.slice(i, i + width);
    const norm = normalised(cp, raw);
    if (INVISIBLE.test(raw)) {
      // skip
    } else if (/^\s+$/u.test(norm) && raw !== '\n') {
      if (keepSpaces && !lastSpace) {
        text += ' ';
        start.push(i);
        end.push(i + width);
        lastSpace = true;
      }
    } else {
      for (const ch of norm) {
        text += ch;
        start.push(i);
        end.push(i + width);
      }
      lastSpace = norm === '\n';
    }
    i += width;
  }
  return { text, start, end };
}

/** @internal a phrase as matched: normalised, with or without its spaces. */
const normalisePhrase = (p: string, keepSpaces: boolean): string => {
  const n = p.normalize('NFKC').toLowerCase().trim();
  return keepSpaces ? n.replace(/\s+/gu, ' ') : n.replace(/\s+/gu, '');
};

/** @internal every occurrence of `needle` in `view`, respecting Latin word and number boundaries. */
function occurrences(view: View, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  const first = view.text.indexOf(needle);
  // Most phrases are in no text: the boundary rules are looked at only for one that is.
  if (first === -1) return out;
  const latinStart = LATIN.test(needle[0] as string);
  const latinEnd = LATIN.test(needle[needle.length - 1] as string);
  for (let at = first; at !== -1; at = view.text.indexOf(needle, at + 1)) {
    const before = view.text[at - 1];
    const after = view.text[at + needle.length];
    if (latinStart && before !== undefined && LATIN.test(before)) continue;
    if (latinEnd && after !== undefined && LATIN.test(after)) continue;
    out.push(at);
  }
  return out;
}

/** @internal tokens between two offsets of the original: a Chinese (non-Latin) character or a Latin word each. */
function tokensBetween(input: string, from: number, to: number): number | null {
  const between = input.slice(from, to).normalize('NFKC').toLowerCase();
  if (CLAUSE_BREAK.test(between)) return null;
  const words = between.match(/[a-z0-9']+/g)?.length ?? 0;
  const others = Array.from(between.replace(/[a-z0-9'\s]+/g, '')).length;
  return words + others;
}

/**
 * A compiled lexicon: {@link flagText} without re-normalising the phrases on every call.
 *
 * @example
 * ```ts
 * const flagger = compileLexicon(DEFAULT_LEXICON);
 * flagger.flag('再不解决我就去找媒体曝光').map((f) => f.kind); // ['media']
 * ```
 */
export interface Flagger {
  readonly lexicon: Lexicon;
  /** The kinds this lexicon has phrases for, in {@link SENSITIVE_KINDS} order. */
  readonly kinds: readonly SensitiveKind[];
  flag(text: string): SensitiveFlag[];
}

/**
 * Compiles a lexicon for repeated use.
 *
 * @example
 * ```ts
 * const flagger = compileLexicon(parseLexicon(readFileSync('lexicon.json', 'utf8')));
 * ```
 */
export function compileLexicon(lexicon: Lexicon): Flagger {
  const isLatin = (p: string) => /[a-z]/.test(p.normalize('NFKC').toLowerCase());
  const kinds = SENSITIVE_KINDS.flatMap((kind) => {
    const rules = lexicon.kinds[kind];
    if (!rules) return [];
    return [{ kind, negatable: rules.negatable ?? true, phrases: rules.phrases.map((p) => ({ phrase: p, latin: isLatin(p), needle: normalisePhrase(p, isLatin(p)) })) }];
  });
  const cues = lexicon.negations.map((p) => ({ latin: isLatin(p), needle: normalisePhrase(p, isLatin(p)) }));

  const flag = (text: string): SensitiveFlag[] => {
    // No phrase is empty, so an empty text (a registration's unset requestedResolution) has no flag.
    if (text === '') return [];
    const views = { spaced: viewOf(text, true), stripped: viewOf(text, false) };
    // Where negation cues end, in original offsets, and where they start (so a cue inside a phrase is not one).
    const cueSpans = cues.flatMap((c) => {
      const v = c.latin ? views.spaced : views.stripped;
      return occurrences(v, c.needle).map((at) => ({ start: v.start[at] as number, end: v.end[at + c.needle.length - 1] as number }));
    });
    const flags: SensitiveFlag[] = [];
    for (const k of kinds) {
      const evidence: FlagEvidence[] = [];
      for (const p of k.phrases) {
        const v = p.latin ? views.spaced : views.stripped;
        for (const at of occurrences(v, p.needle)) {
          const start = v.start[at] as number;
          const end = v.end[at + p.needle.length - 1] as number;
          if (k.negatable && cueSpans.some((c) => c.end <= start && (tokensBetween(text, c.end, start) ?? Number.POSITIVE_INFINITY) <= lexicon.negationWindow)) continue;
          if (evidence.some((e) => e.start <= start && e.end >= end)) continue;
          for (let i = evidence.length - 1; i >= 0; i--) {
            const e = evidence[i] as FlagEvidence;
            if (start <= e.start && end >= e.end) evidence.splice(i, 1);
          }
          evidence.push({ phrase: p.phrase, text: text.slice(start, end), start, end });
        }
      }
      if (evidence.length > 0) flags.push({ kind: k.kind, evidence: evidence.sort((a, b) => a.start - b.start) });
    }
    return flags;
  };
  return { lexicon, kinds: kinds.map((k) => k.kind), flag };
}

/**
 * The sensitive-case flags of a text under a lexicon (by default {@link DEFAULT_LEXICON}): every kind
 * with at least one phrase found, with each place as evidence. Full-width forms (`１２３７８`) and
 * spaced writing (`媒 体`) are found; a phrase that a negation cue precedes in the same clause, within
 * the lexicon's window (`不会投诉到媒体`), is not, unless its kind is not negatable.
 *
 * @example
 * ```ts
 * flagText('已经多次投诉，再不解决就打１２３７８').map((f) => f.kind); // ['regulator', 'repeated_escalation']
 * flagText('我不会投诉到媒体，只希望尽快处理'); // []
 * ```
 */
export function flagText(text: string, lexicon: Lexicon = DEFAULT_LEXICON): SensitiveFlag[] {
  return compileLexicon(lexicon).flag(text);
}
