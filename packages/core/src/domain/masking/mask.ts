/**
 * Masks a phone number for display and logs: `13812345678` → `138****5678` (docs/domain/personal-data.md).
 *
 * @example
 * ```ts
 * maskPhone('13812345678'); // '138****5678'
 * ```
 */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  // docs/domain/personal-data.md (PIPL): at least four digits are always hidden. Keeping "first 3, last 4"
  // blindly showed a 7-digit local number in full and an 8-digit one with a single star.
  const hidden = Math.max(4, digits.length - 7);
  const tail = Math.min(4, digits.length - hidden);
  const head = Math.min(3, digits.length - hidden - tail);
  return `${digits.slice(0, head)}${'*'.repeat(hidden)}${digits.slice(digits.length - tail)}`;
}

/**
 * Masks a resident ID number, keeping the first 3 and last 4 characters.
 *
 * @example
 * ```ts
 * maskIdNumber('440301199001011234'); // '440***********1234'
 * ```
 */
export function maskIdNumber(id: string): string {
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/**
 * Masks a card number, keeping the last 4 digits.
 *
 * @example
 * ```ts
 * maskCardNumber('6222021234567890123'); // '***************0123'
 * ```
 */
export function maskCardNumber(card: string): string {
  const digits = card.replace(/\D/g, '');
  return `${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

/**
 * Masks a name, keeping the family name: `张三` → `张*`, `欧阳娜娜` → `欧***`, `Zhang San` → `Z********`.
 * Compound family names are not guessed: only the first character is kept.
 *
 * @example
 * ```ts
 * maskName('张三'); // '张*'
 * ```
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*';
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/**
 * Masks every personal field of a complainant-like object; other fields are kept.
 *
 * @example
 * ```ts
 * maskComplainant({ name: '张三', phone: '13812345678', priorityGroups: [] });
 * // { name: '张*', phone: '138****5678', priorityGroups: [] }
 * ```
 */
export function maskComplainant<T extends { name: string; phone?: string | undefined; idNumber?: string | undefined; cardNumber?: string | undefined; representative?: { name: string } | undefined }>(
  c: T,
): T {
  return {
    ...c,
    name: maskName(c.name),
    ...(c.phone !== undefined && { phone: maskPhone(c.phone) }),
    ...(c.idNumber !== undefined && { idNumber: maskIdNumber(c.idNumber) }),
    ...(c.cardNumber !== undefined && { cardNumber: maskCardNumber(c.cardNumber) }),
    ...(c.representative !== undefined && { representative: { ...c.representative, name: maskName(c.representative.name) } }),
  };
}

const ID_RE = /(?<!\d)\d{17}[\dXx](?![\dXx])/g;
const CARD_RE = /(?<!\d)\d{12,19}(?!\d)/g;
// People write numbers in groups: cards as 4-4-4-4(-3), mobiles as 3-4-4, with spaces or dashes.
// Those were passed through unmasked (PIPL; docs/domain/personal-data.md), so match them too.
const GROUPED_CARD_RE = /(?<![\d-])\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?(?![\d])/g;
const PHONE_RE = /(?<!\d)(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?!\d)/g;
// Landlines with an area code (0755-12345678) are phone numbers too (PIPL).
const LANDLINE_RE = /(?<![\d-])0\d{2,3}-\d{7,8}(?![\d-])/g;

/**
 * Masks personal numbers found anywhere in free text (ID numbers, card numbers, mobile and landline
 * numbers, also when written in groups with spaces or dashes), for
 * log lines and error messages built from text a person typed.
 *
 * @example
 * ```ts
 * redactText('call 13812345678 about card 6222021234567890123');
 * // 'call 138****5678 about card ***************0123'
 * ```
 */
export function redactText(text: string): string {
  return text
    .replace(ID_RE, maskIdNumber)
    .replace(GROUPED_CARD_RE, maskCardNumber)
    .replace(PHONE_RE, maskPhone)
    .replace(LANDLINE_RE, maskPhone)
    .replace(CARD_RE, maskCardNumber);
}
