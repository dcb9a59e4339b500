/**
 * Registration takes leaf codes only (or a class's "other" leaf), so shares never mix levels, and
 * region codes on the GB/T 2260 list at province and prefecture level (docs/domain/taxonomy.md).
 */
import { describe, expect, it } from 'vitest';
import { ComplaintCreate } from '../schemas/complaint.js';
import { KnownRegionCode } from '../schemas/known-region-code.js';
import { BUSINESS_CATEGORY_LEAF_CODES, BUSINESS_CHANNEL_LEAF_CODES, COMPLAINT_CAUSE_LEAF_CODES } from './codes.js';
import { isKnownRegionCode } from './gbt2260.js';

const base = {
  intakeChannel: 'hotline', businessChannel: 'A010303', businessCategory: 'B0302', cause: 'C11',
  complainant: { name: '张三' }, description: '年费',
};
const issues = (over: Record<string, unknown>) => (ComplaintCreate.safeParse({ ...base, ...over }).error?.issues ?? []).map((i) => i.path.join('.'));

describe('leaf codes only', () => {
  it('lists the leaves by hand', () => {
    expect([...BUSINESS_CHANNEL_LEAF_CODES]).toEqual(['A0101', 'A0102', 'A010301', 'A010302', 'A010303', 'A010304', 'A010305', 'A010399', 'A0104', 'A0199', 'A02']);
    expect([...BUSINESS_CATEGORY_LEAF_CODES]).toEqual(['B01', 'B0201', 'B0202', 'B0203', 'B0299', 'B0301', 'B0302', 'B04', 'B05', 'B06', 'B07', 'B08', 'B09', 'B10', 'B99']);
    expect(COMPLAINT_CAUSE_LEAF_CODES).toHaveLength(13);
  });

  it.each([
    ['businessChannel', 'A01'],
    ['businessChannel', 'A0103'],
    ['businessCategory', 'B02'],
    ['businessCategory', 'B03'],
  ])('refuses the class %s = %s', (field, code) => expect(issues({ [field]: code })).toEqual([field]));

  it.each([
    ['businessChannel', 'A010399'],
    ['businessChannel', 'A02'],
    ['businessCategory', 'B0299'],
    ['businessCategory', 'B01'],
    ['cause', 'C99'],
  ])('accepts the leaf %s = %s', (field, code) => expect(issues({ [field]: code })).toEqual([]));
});

describe('GB/T 2260 region codes at province and prefecture level', () => {
  it.each([
    ['110000', true], // 北京市
    ['440000', true], // 广东省
    ['440300', true], // 深圳市
    ['440305', true], // 南山区: its prefecture 4403 is on the list
    ['650100', true], // 乌鲁木齐市
    ['419001', true], // 济源市, a province-administered county (4190)
    ['810000', true], // 香港特别行政区
    ['449900', false], // no prefecture 4499
    ['440400', true], // 珠海市
    ['442100', false], // 4421 is not a prefecture
    ['990000', false], // no province 99
    ['123456', false],
    ['000000', false],
    ['44030', false],
    ['4403000', false],
  ])('%s → %s', (code, known) => expect(isKnownRegionCode(code)).toBe(known));

  it('holds 34 provinces and 342 prefectures', () => {
    let provinces = 0;
    let prefectures = 0;
    for (let p = 10; p < 100; p++) {
      if (isKnownRegionCode(`${p}0000`)) provinces++;
      for (let c = 1; c < 100; c++) if (isKnownRegionCode(`${p}${String(c).padStart(2, '0')}00`)) prefectures++;
    }
    expect([provinces, prefectures]).toEqual([34, 342]);
  });

  it("the service's KnownRegionCode refuses a six-digit code that is not on the list; the client's registration schema checks the format only", () => {
    expect(KnownRegionCode.safeParse('449900').success).toBe(false);
    expect(KnownRegionCode.safeParse('440305').success).toBe(true);
    expect(issues({ regionCode: '449900' })).toEqual([]);
    expect(issues({ regionCode: '44990' })).toEqual(['regionCode']);
    expect(issues({ regionCode: null })).toEqual([]);
  });
});
