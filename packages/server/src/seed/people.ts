import type { Rng } from './prng.js';

/**
 * Fake but valid-looking personal data for the demo: Chinese names, mainland mobile numbers, resident
 * ID numbers (GB 11643 check digit) and UnionPay-style card numbers (Luhn check digit). Nothing here is
 * a real person's data; still, treat it like personal data (PIPL) and mask it in logs.
 */

/** @internal common surnames, most frequent first (so the weighted pick favours them). */
const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '任', '沈', '姚', '卢', '姜', '崔', '钟', '谭', '陆', '汪', '范', '金',
  '石', '廖', '贾', '夏', '韦', '方', '白', '邹', '孟', '熊', '秦', '邱', '江', '尹', '薛', '段', '雷', '侯', '龙', '史',
  '欧阳', '司马', '诸葛',
] as const;

/** @internal characters common in given names. */
const GIVEN = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '玉', '萍', '红', '飞', '鑫', '波', '斌', '宇', '浩', '凯', '健', '俊', '帆', '帅', '旭', '宁',
  '琳', '晨', '辉', '婷', '雪', '倩', '欣', '怡', '佳', '思', '梓', '子', '涵', '轩', '博', '文', '志', '建', '国', '海',
  '春', '晓', '慧', '颖', '瑶', '嘉', '悦', '诗', '雨', '泽', '睿', '然', '一', '安', '晴', '昊', '哲', '铭', '航', '鹏',
] as const;

/**
 * A fake Chinese name: a surname (weighted towards the common ones) and a one- or two-character
 * given name.
 *
 * @example
 * ```ts
 * fakeName(createRng(1)); // e.g. '陈思涵'
 * ```
 */
export function fakeName(rng: Rng): string {
  // Squaring a uniform draw favours the front of the list, as surname frequency does.
  const surname = SURNAMES[Math.floor(rng.next() ** 2 * SURNAMES.length)] as string;
  const given = rng.chance(0.3) ? rng.pick(GIVEN) : rng.pick(GIVEN) + rng.pick(GIVEN);
  return surname + given;
}

/** @internal mobile number prefixes in use on the mainland (China Mobile, Unicom, Telecom, Broadnet). */
const MOBILE_PREFIXES = [
  '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158',
  '159', '166', '173', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '198', '199',
] as const;

/** @internal `n` random decimal digits. */
const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(0, 9));
  return s;
};

/**
 * A valid-looking mainland mobile number, `1[3-9]` followed by nine digits.
 *
 * @example
 * ```ts
 * /^1[3-9]\d{9}$/.test(fakeMobile(createRng(1))); // true
 * ```
 */
export function fakeMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + digits(rng, 8);
}

/** @internal GB 11643-1999 weights and check characters of the resident ID number. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/**
 * The GB 11643 check character of the first 17 digits of a resident ID number.
 *
 * @example
 * ```ts
 * idCheckChar('11010519491231002'); // 'X'
 * ```
 */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] as number);
  return ID_CHECK[sum % 11] as string;
}

/**
 * A fake 18-character resident ID number: the holder's region code (GB/T 2260), date of birth, a
 * sequence whose last digit is odd for men and even for women, and the GB 11643 check character.
 *
 * @example
 * ```ts
 * fakeIdNumber(createRng(1), '110108', '1958-04-02'); // '11010819580402' + three digits + check character
 * ```
 */
export function fakeIdNumber(rng: Rng, regionCode: string, birthDate: string): string {
  const first17 = regionCode + birthDate.replaceAll('-', '') + digits(rng, 3);
  return first17 + idCheckChar(first17);
}

/**
 * The Luhn check digit of a card number's leading digits.
 *
 * @example
 * ```ts
 * luhnCheckDigit('7992739871'); // '3'
 * ```
 */
export function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * A fake UnionPay-style card number with a valid Luhn digit: 16 digits for a credit card, 19 for a
 * debit card. The issuer prefixes are made up for the demo bank.
 *
 * @example
 * ```ts
 * fakeCardNumber(createRng(1), 'credit').length; // 16
 * ```
 */
export function fakeCardNumber(rng: Rng, kind: 'credit' | 'debit'): string {
  const body = kind === 'credit' ? `625998${digits(rng, 9)}` : `621799${digits(rng, 12)}`;
  return body + luhnCheckDigit(body);
}

/**
 * A customer id as the bank's CRM writes it: `C-` and six digits.
 *
 * @example
 * ```ts
 * customerId(123); // 'C-000123'
 * ```
 */
export const customerId = (n: number): string => `C-${String(n).padStart(6, '0')}`;

/**
 * A staff id: `u-` and four digits.
 *
 * @example
 * ```ts
 * staffId(7); // 'u-0007'
 * ```
 */
export const staffId = (n: number): string => `u-${String(n).padStart(4, '0')}`;
