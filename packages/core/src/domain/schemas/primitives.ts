import * as z from 'zod/mini';
import { localDate } from '../clock/time.js';

/**
 * An instant on the wire: ISO 8601 with an explicit offset (`Z` or `+08:00`).
 *
 * @example
 * ```ts
 * Timestamp.parse('2026-03-01T09:30:00+08:00');
 * ```
 */
export const Timestamp = z.iso.datetime({
  offset: true,
  // The one message for every instant on the wire (bodies and query parameters alike).
  error: 'expected a date-time with an offset, e.g. 2026-11-01T00:00:00+08:00 or 2026-11-01T00:00:00Z',
});
/** An ISO 8601 instant. @useDeclaredType @example `const t: Timestamp = new Date().toISOString();` */
export type Timestamp = z.infer<typeof Timestamp>;

/**
 * A complaint number: `CK` + receipt date + a sequence, e.g. `CK20260301-000042`.
 *
 * @example
 * ```ts
 * ComplaintId.parse('CK20260301-000042');
 * ```
 */
export const ComplaintId = z.string().check(z.regex(/^CK\d{8}-\d{6,}$/));
/** A complaint number. @useDeclaredType @example `const id: ComplaintId = 'CK20260301-000042';` */
export type ComplaintId = z.infer<typeof ComplaintId>;

/**
 * Formats a complaint number from the receipt instant and a counter: `CK`, the receipt date in
 * Asia/Shanghai, and the counter padded to six digits. The one place the format is written.
 *
 * @example
 * ```ts
 * complaintNumber(Date.parse('2026-03-01T20:00:00Z'), 42); // 'CK20260302-000042'
 * ```
 */
export const complaintNumber = (receivedAtMs: number, counter: number): ComplaintId =>
  `CK${localDate(receivedAtMs).replaceAll('-', '')}-${String(counter).padStart(6, '0')}`;

/**
 * A GB/T 2260 administrative-division code (six digits: province, city, county).
 *
 * @example
 * ```ts
 * RegionCode.parse('440300'); // Shenzhen
 * ```
 */
export const RegionCode = z.string().check(z.regex(/^\d{6}$/));
/** A GB/T 2260 code. @useDeclaredType @example `const r: RegionCode = '110000';` */
export type RegionCode = z.infer<typeof RegionCode>;

/**
 * @internal a character that shows: neither white space (JS `\s`, which covers the ideographic space
 * U+3000 and U+FEFF) nor an invisible one: zero-width (U+200B–U+200D, U+2060–U+2064), a direction mark,
 * embedding, override or isolate (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+206F), the soft hyphen
 * U+00AD, the combining grapheme joiner U+034F, a variation selector (U+180B–U+180F, U+FE00–U+FE0F, and
 * the supplement U+E0100–U+E01EF), a tag character (U+E0000–U+E007F; the whole ignorable block
 * U+E0000–U+E0FFF is counted), the Khmer inherent vowels U+17B4–U+17B5, or a blank that is a letter
 * (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0; the braille blank U+2800), which a name of "only
 * that" is made of to look empty. With the `u` flag a character beyond U+FFFF is one code point, not two
 * halves each counted as showing. As a JSON Schema `pattern` it is unanchored, so the OpenAPI document
 * says the same: "at least one such character"; JSON Schema patterns are read in Unicode mode (ajv
 * compiles them with `u`), which `\u{…}` needs.
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each mark is listed to be matched alone (text of only marks shows nothing), not as part of a character.
const VISIBLE = /[^\s\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u2800\u3164\uFE00-\uFE0F\uFEFF\uFFA0\u{E0000}-\u{E0FFF}]/u;

/**
 * One invisible format mark: the characters {@link hasVisibleText} does not count that are not
 * letters (zero-width characters, direction marks, embeddings, overrides and isolates, the soft
 * hyphen, the combining grapheme joiner, variation selectors and their supplement, tag characters, the
 * Khmer inherent vowels). Text matched word by word (the service's sensitive-case flags) drops them,
 * so `媒\u200E体` still reads as 媒体. It has the `u` flag (a mark beyond U+FFFF is one code point):
 * keep it when making a global copy (`'gu'`).
 *
 * @example
 * ```ts
 * '媒\u200E体\u{E0041}'.replace(new RegExp(INVISIBLE_MARK, 'gu'), ''); // '媒体'
 * ```
 */
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each mark is matched alone.
export const INVISIBLE_MARK = /[\u00AD\u034F\u061C\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF\u{E0000}-\u{E0FFF}]/u;

/**
 * Whether free text shows anything: at least one character that is neither white space nor an
 * invisible one (zero-width characters, direction marks and overrides, the soft hyphen, variation
 * selectors, tag characters, Hangul fillers, the braille blank). The rule every request's free-text
 * field is checked by, for forms to check live what the service will refuse.
 *
 * @example
 * ```ts
 * hasVisibleText('信用卡年费'); // true
 * hasVisibleText(' \u200B '); // false
 * hasVisibleText('\u{E0041}\u{E0100}'); // false (a tag character, a variation selector)
 * ```
 */
export const hasVisibleText = (value: string): boolean => VISIBLE.test(value);

/** @internal text without the bidirectional embedding and override controls U+202A–U+202E (anchored: the whole text). */
const NO_BIDI_OVERRIDE = /^[^\u202A-\u202E]*$/;

/**
 * Whether text holds a bidirectional embedding or override control (U+202A LRE, U+202B RLE, U+202C
 * PDF, U+202D LRO, U+202E RLO), which new free text may not: `\u202E测试` is shown reversed (试测) in
 * every list that shows it, and the following text after it. The isolates U+2066–U+2069 (LRI, RLI, FSI,
 * PDI) are allowed: they are the correct way to put text of the other direction inside a line (a Uyghur
 * or Arabic name in Chinese text) and end at the paragraph's end. Text stored before the rule is kept
 * as it was. The rule every request's free-text field is checked by, for forms to check live.
 *
 * @example
 * ```ts
 * hasBidiOverride('\u202E测试'); // true
 * hasBidiOverride('\u2067ئابدۇرېھىم\u2069 先生'); // false
 * ```
 */
export const hasBidiOverride = (value: string): boolean => !NO_BIDI_OVERRIDE.test(value);

/**
 * How many characters a text has as the service counts them for its length limits: Unicode code
 * points, so an emoji or a CJK Extension B character (𠀀, written with two UTF-16 units) counts once,
 * where `String.length` and HTML's `maxlength` count two. Forms count with it to refuse exactly what
 * the service refuses (a lone surrogate counts once).
 *
 * @example
 * ```ts
 * codePointLength('张三'); // 2
 * codePointLength('𠀀😀'); // 2 ('𠀀😀'.length is 4)
 * ```
 */
export function codePointLength(value: string): number {
  let n = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    if ((value.charCodeAt(i) & 0xfc00) === 0xd800 && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n--;
      i++;
    }
  }
  return n;
}

/**
 * @internal a bounded, trimmed free-text field of a request that must show something: empty text, or
 * text of only white space or zero-width characters (which a pasted `\u200B` or a WebView's stray BOM
 * makes), is refused, and so is text holding a bidirectional embedding or override control
 * ({@link hasBidiOverride}). What the service stores and returns is read with {@link storedText}.
 */
export const text = (max: number) =>
  z.string().check(
    z.trim(),
    z.minLength(1, { abort: true }),
    z.maxLength(max),
    // Text that shows nothing is told so alone (its override controls, if any, are beside the point).
    z.regex(VISIBLE, { message: 'must contain visible text, not only spaces or invisible characters (zero-width, direction marks)', abort: true }),
    z.regex(NO_BIDI_OVERRIDE, {
      message:
        'must not contain the bidirectional embedding or override controls U+202A to U+202E (they show the text reversed): remove them; to put text of the other direction inside a line, use the isolates U+2066 to U+2069',
    }),
  );

/**
 * @internal a free-text field as stored and returned: bounded, trimmed and not empty, without
 * {@link text}'s visible-character rule, which requests gained later; records written before it (text of
 * only a zero-width space) must still read.
 */
export const storedText = (max: number) => z.string().check(z.trim(), z.minLength(1, { abort: true }), z.maxLength(max));
