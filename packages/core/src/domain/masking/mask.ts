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
 * The complainant name a history import records when the old system kept none (and the text of
 * the free-text fields it did not keep). It is not a person's name, so {@link maskName} leaves it
 * as it is: masked, it read `（*******`, which looked like a damaged name.
 *
 * @example
 * ```ts
 * maskName(IMPORTED_PLACEHOLDER); // '（历史数据导入）'
 * ```
 */
export const IMPORTED_PLACEHOLDER = '（历史数据导入）';

/**
 * Masks a name, keeping the family name: `张三` → `张*`, `欧阳娜娜` → `欧***`, `Zhang San` → `Z********`.
 * Compound family names are not guessed: only the first character is kept. The history import's
 * placeholder ({@link IMPORTED_PLACEHOLDER}) is not a name and is kept whole.
 *
 * @example
 * ```ts
 * maskName('张三'); // '张*'
 * ```
 */
export function maskName(name: string): string {
  if (name === IMPORTED_PLACEHOLDER) return name;
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
