/**
 * The text features of the suggestion model: character n-grams of a normalised text. No word
 * segmentation, so Chinese and English (and mixed text) are treated alike.
 *
 * @module
 */

/**
 * Normalises a complaint text for the model: Unicode NFKC (full-width letters and digits become
 * ASCII, compatibility forms fold), lower case, and every run of white space made one space.
 *
 * @example
 * ```ts
 * normaliseForModel('ＡＴＭ  吞卡'); // 'atm 吞卡'
 * ```
 */
export function normaliseForModel(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * The distinct character n-grams (by code point) of a normalised text, `minN` to `maxN` long, in
 * order of where they start. An n-gram never spans white space from both sides: n-grams that are only
 * white space are dropped, so a word's edges still show (`' ca'`, `'rd '`).
 *
 * @example
 * ```ts
 * charNgrams('信用卡', 1, 2); // ['信', '信用', '用', '用卡', '卡']
 * ```
 */
export function charNgrams(normalised: string, minN: number, maxN: number): string[] {
  const chars = Array.from(normalised);
  const seen = new Set<string>();
  for (let i = 0; i < chars.length; i++) {
    let gram = '';
    for (let n = 1; n <= maxN && i + n <= chars.length; n++) {
      gram += chars[i + n - 1];
      if (n >= minN && gram.trim() !== '') seen.add(gram);
    }
  }
  return [...seen];
}
