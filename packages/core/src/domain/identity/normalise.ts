/**
 * Normalisers and checks for the identifiers a complainant gives: mainland phone numbers, resident ID
 * numbers (GB 11643) and bank card numbers (Luhn). They accept what people actually type: spaces,
 * dashes, brackets, a `+86` / `0086` prefix and full-width digits. Each returns the canonical form, or
 * `null` when the input is not a valid identifier of that kind. See docs/domain/personal-data.md.
 */

/**
 * Full-width digits and letters to ASCII, separators (spaces, dashes, brackets, dots) removed: the form
 * a registration stores an identifier in, whatever way it was typed (docs/domain/personal-data.md).
 * Not part of the public API: the schemas apply it on parse.
 *
 * @example
 * ```ts
 * compact('(0755) 8765-4321'); // '075587654321'
 * compact('１３８ １２３４ ５６７８'); // '13812345678'
 * ```
 */
export function compact(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\-–—()（）.·/]/g, '');
}

/**
 * A mainland phone number in canonical `+86…` form (mobile `+8613812345678`, landline with its area
 * code and no trunk 0: `+8675587654321`), or `null` when it is not one.
 *
 * @example
 * ```ts
 * normalisePhone('138 1234 5678');       // '+8613812345678'
 * normalisePhone('+86 755 8765 4321');   // '+8675587654321'
 * normalisePhone('(0755)87654321');      // '+8675587654321'
 * normalisePhone('12345');               // null
 * ```
 */
export function normalisePhone(raw: string): string | null {
  let s = compact(raw);
  let international = false;
  if (s.startsWith('+86')) {
    s = s.slice(3);
    international = true;
  } else if (s.startsWith('0086')) {
    s = s.slice(4);
    international = true;
  } else if (/^861[3-9]\d{9}$/.test(s)) {
    s = s.slice(2);
  }
  if (!/^\d+$/.test(s)) return null;
  if (/^1[3-9]\d{9}$/.test(s)) return `+86${s}`;
  // Landline: area code (2–3 digits after the trunk 0) and a 7–8 digit local number.
  if (/^0[1-9]\d{8,10}$/.test(s)) return `+86${s.slice(1)}`;
  if (international && /^[2-9]\d{8,10}$/.test(s)) return `+86${s}`;
  return null;
}

/**
 * @internal What a phone field accepts as typed, before `normalisePhone` decides validity: digits
 * (full-width too), an optional `+`/`00` prefix, spaces, dashes and brackets.
 */
export const PHONE_ENTRY = /^(?:[+＋]|00|００)?[\d０-９(（][\d０-９\s\-–()（）]{6,27}$/;

/**
 * Whether registration accepts this phone number as typed: the characters people type (see
 * `PHONE_ENTRY`) and a real mainland mobile or landline number. The complainant schema applies the
 * same two checks, so a form can say "bad number" as the customer types without loading zod.
 *
 * @example
 * ```ts
 * acceptsPhone('１３８ １２３４ ５６７８'); // true
 * acceptsPhone('138.1234.5678');        // false (dots are not accepted as typed)
 * acceptsPhone('12345');                // false
 * ```
 */
export const acceptsPhone = (raw: string): boolean => PHONE_ENTRY.test(raw) && normalisePhone(raw) !== null;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * A resident ID number (GB 11643-1999, 18 characters) in canonical form (upper-case `X`), or `null`
 * when its check character or its date of birth is wrong.
 *
 * @example
 * ```ts
 * normaliseIdNumber('11010519491231002x'); // '11010519491231002X'
 * normaliseIdNumber('110105194912310021'); // null (wrong check character)
 * ```
 */
export function normaliseIdNumber(raw: string): string | null {
  const s = compact(raw).toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * (ID_WEIGHTS[i] as number);
  if (ID_CHECK[sum % 11] !== s[17]) return null;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  const born = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || born.getUTCFullYear() !== y || born.getUTCMonth() !== m - 1 || born.getUTCDate() !== d) return null;
  return s;
}

/**
 * A bank card number (12–19 digits passing the Luhn check) as digits only, or `null`.
 *
 * @example
 * ```ts
 * normaliseCardNumber('6222 0212 3456 7890 128'); // '6222021234567890128'
 * normaliseCardNumber('6222021234567890123');     // null (fails the Luhn check)
 * ```
 */
export function normaliseCardNumber(raw: string): string | null {
  const s = compact(raw);
  if (!/^\d{12,19}$/.test(s)) return null;
  let sum = 0;
  for (let i = 0; i < s.length; i++) {
    let digit = Number(s[s.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0 ? s : null;
}
