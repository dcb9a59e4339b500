/**
 * Redaction of personal numbers in free text (PIPL; docs/domain/personal-data.md), finding them the
 * way people type them: grouped with spaces or dashes (`1381 234 5678`, `6222 0212 3456 7890 128`,
 * `440301 19900101 1234`), with a country code (`+86 755 8765 4321`), a bracketed area code
 * (`(0755)87654321`), in full-width digits (`１３８１２３４５６７８`), with a Chinese keyboard's
 * ideographic space and full-width hyphen (`＋８６　１３９－１１１１－２２２２`). An 18-character number is masked as
 * an ID number when its GB 11643 check character and date of birth hold, and as a card number
 * otherwise (Luhn or not); a longer number written as one group (an ID typed with a digit too many,
 * an account number) keeps only its last 4.
 */
import { normaliseIdNumber } from '../identity/normalise.js';
import { maskCardNumber, maskIdNumber, maskPhone } from './mask.js';

const DIGIT = '[0-9０-９]';
/** Separators people type: spaces (also no-break and the ideographic space of a Chinese keyboard), dashes (also the full-width hyphen), brackets. */
const SEP = '[ \\u00A0\\u3000\\-–—‐‑−－()（）]{1,3}';
/** A run of digit groups: an optional `+` and bracket, groups joined by separators, an optional final X. */
const RUN = new RegExp(`(?<![A-Za-z0-9０-９])(?:[+＋] ?)?[(（]?${DIGIT}+(?:${SEP}${DIGIT}+)*(?:[XxＸｘ](?![A-Za-z]))?`, 'g');
const GROUP = /[0-9０-９]+[XxＸｘ]?/g;
/** The most groups one number is written in (`+86 138 1234 5678` is 4, a spaced card 5). */
const MAX_GROUPS = 6;

/** @internal ASCII digits (and an upper-case X) of a run of groups. */
const ascii = (s: string) => s.normalize('NFKC').replace(/[^0-9Xx]/g, '').toUpperCase();

/**
 * @internal The mask for the number written as `groups` (their digits, in order), or `null` when they
 * are not a personal number. `international`: written with a leading `+`.
 */
function maskOf(groups: readonly string[], international: boolean): string | null {
  const all = groups.join('');
  if (/X/.test(all.slice(0, -1))) return null;
  // 18 characters: an ID number when its check character and date hold (or it ends in X), else a card.
  if (all.length === 18) return normaliseIdNumber(all) || all.endsWith('X') ? maskIdNumber(all) : maskCardNumber(all);
  // Longer than any ID or card, written as one group: an ID number typed with a digit too many
  // (`110105194912310021x`), or an account number. It holds one, so only the last 4 are kept.
  if (all.length > 18 && groups.length === 1) return maskCardNumber(all);
  if (all.endsWith('X')) return null;
  // Phones: mobiles, and landlines with their area code (trunk 0, or after +86).
  let national = all;
  if (international && all.startsWith('86')) national = all.slice(2);
  else if (all.startsWith('0086')) national = all.slice(4);
  else if (/^861[3-9]\d{9}$/.test(all)) national = all.slice(2);
  if (/^1[3-9]\d{9}$/.test(national)) return maskPhone(national);
  if (/^0[1-9]\d{8,10}$/.test(national)) return maskPhone(national);
  if (national !== all && /^[1-9]\d{8,10}$/.test(national)) return maskPhone(`0${national}`);
  // Cards: 12–19 digits written as one group, or in groups of four (the last may be shorter).
  const cardLike = groups.length === 1 || groups.slice(0, -1).every((g) => g.length === 4);
  if (all.length >= 12 && all.length <= 19 && cardLike) return maskCardNumber(all);
  return null;
}

/** @internal Redacts one run: whole if it is one number, else the longest numbers found among its groups. */
function redactRun(run: string): string {
  const spans: { start: number; end: number; digits: string }[] = [];
  for (const m of run.matchAll(GROUP)) spans.push({ start: m.index, end: m.index + m[0].length, digits: ascii(m[0]) });
  const international = /^[+＋]/.test(run);
  if (spans.length <= MAX_GROUPS) {
    const whole = maskOf(spans.map((s) => s.digits), international);
    if (whole !== null) return whole;
  }
  let out = '';
  let at = 0;
  for (let i = 0; i < spans.length; ) {
    let found: { j: number; mask: string } | null = null;
    for (let j = Math.min(spans.length, i + MAX_GROUPS) - 1; j >= i && !found; j--) {
      const mask = maskOf(spans.slice(i, j + 1).map((s) => s.digits), international && i === 0);
      if (mask !== null) found = { j, mask };
    }
    if (found) {
      const from = (spans[i] as (typeof spans)[number]).start;
      out += run.slice(at, i === 0 && international ? 0 : from) + found.mask;
      at = (spans[found.j] as (typeof spans)[number]).end;
      i = found.j + 1;
    } else i++;
  }
  return out + run.slice(at);
}

/**
 * Masks personal numbers found anywhere in free text: ID numbers (first 3 and last 4 kept), card
 * numbers (last 4), mobile and landline numbers (`138****5678`), as people type them. Used for the
 * search index, logs, error messages, and the free text lists, the event stream and auditors get.
 *
 * @example
 * ```ts
 * redactText('请回电 1381 234 5678 或 (0755)87654321');
 * // '请回电 138****5678 或 075*****4321'
 * ```
 */
export function redactText(text: string): string {
  return text.replace(RUN, redactAroundDates);
}

/** @internal a date written with separators (`2024-01-05`, `2024/1/5`, `2024.01.05`): never part of a personal number. */
const DATE = /(?<![0-9０-９])((?:19|20)[0-9]{2}[-/.－](?:0?[1-9]|1[0-2])[-/.－](?:0?[1-9]|[12][0-9]|3[01]))(?![0-9０-９])/;

/**
 * @internal Redacts a run with its dates set apart: `2024-01-05 - 2024-02-05` was read as groups
 * whose middle (`01-05 - 2024-02`) looked like a landline and came out `2024-010*****0205`.
 */
function redactAroundDates(run: string): string {
  const parts = run.split(DATE);
  if (parts.length === 1) return redactRun(run);
  return parts.map((p, i) => (i % 2 === 1 ? p : p.replace(RUN, redactRun))).join('');
}
