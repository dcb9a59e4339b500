/**
 * Masking of personal information (PIPL; docs/domain/personal-data.md): phone 138****5678, ID number
 * first 3 and last 4, card last 4, name with the given name masked (张*). The outputs must never
 * contain the digits they hide.
 */
import { describe, expect, it } from 'vitest';
import { IMPORTED_PLACEHOLDER, maskCardNumber, maskComplainant, maskIdNumber, maskName, maskPhone } from './mask.js';

const PHONE = '13812345678';
const ID = '440301199001011234';
const ID_X = '11010519491231002X';
const CARD = '6222021234567890123';
const CARD16 = '6222600260001072';

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+8613812345678', '138****5678'],
    ['86 138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['010-87654321', '010****4321'],
  ])('%s → %s', (input, out) => expect(maskPhone(input)).toBe(out));

  it('never shows the middle four digits of a mobile number', () => {
    expect(maskPhone(PHONE)).not.toContain('1234');
  });

  it('masks at least four digits of any number, short ones included', () => {
    for (const n of ['1234567', '12345678', '0755-1234567', '87654321', '123', '']) {
      const out = maskPhone(n);
      const digits = n.replace(/\D/g, '');
      expect((out.match(/\*/g) ?? []).length).toBeGreaterThanOrEqual(Math.min(4, digits.length));
      if (digits.length >= 7) expect(out).not.toBe(digits);
      expect(out.replace(/\*/g, '').length).toBeLessThanOrEqual(Math.max(0, digits.length - 4));
    }
  });
});

describe('maskIdNumber: first 3 and last 4', () => {
  it.each([
    [ID, '440***********1234'],
    [ID_X, '110***********002X'],
    ['110105491231002', '110********1002'],
  ])('%s → %s', (input, out) => expect(maskIdNumber(input)).toBe(out));

  it('hides the birth date', () => {
    expect(maskIdNumber(ID)).not.toContain('19900101');
    expect(maskIdNumber(ID)).not.toContain('1990');
  });

  it('shows nothing of something too short to be an ID', () => {
    expect(maskIdNumber('1234567')).toBe('*******');
  });
});

describe('maskCardNumber: last 4 only', () => {
  it.each([
    [CARD, '***************0123'],
    [CARD16, '************1072'],
    ['6222 6002 6000 1072', '************1072'],
  ])('%s → %s', (input, out) => expect(maskCardNumber(input)).toBe(out));

  it('keeps no digit but the last four', () => {
    expect(maskCardNumber(CARD).replace(/\*/g, '')).toBe('0123');
    expect(maskCardNumber(CARD)).not.toContain('622202');
  });
});

describe('maskName: the family name stays, the given name is masked', () => {
  it.each([
    ['张三', '张*'],
    ['李小龙', '李**'],
    [' 王五 ', '王*'],
    ['王', '*'],
  ])('%s → %s', (input, out) => expect(maskName(input)).toBe(out));

  it('never shows the given name', () => {
    expect(maskName('欧阳娜娜')).not.toContain('娜');
    expect(maskName('Zhang San')).not.toContain('San');
    expect(maskName('张三')).not.toContain('三');
  });

  it("keeps the history import's name placeholder whole (it is no name), but masks a name in brackets", () => {
    expect(maskName(IMPORTED_PLACEHOLDER)).toBe('（历史数据导入）');
    expect(maskComplainant({ name: IMPORTED_PLACEHOLDER }).name).toBe('（历史数据导入）');
    expect(maskName('（张三）')).toBe('（***');
  });
});

describe('maskComplainant', () => {
  it('masks every personal field, the representative too, and keeps the rest', () => {
    const c = {
      name: '张三',
      phone: PHONE,
      idNumber: ID,
      cardNumber: CARD,
      customerId: 'C-1001',
      representative: { name: '李四', relation: 'agent' as const, powerOfAttorney: true },
      priorityGroups: [{ group: 'elderly' as const, basis: 'verified' as const }],
    };
    const before = structuredClone(c);
    expect(maskComplainant(c)).toEqual({
      name: '张*',
      phone: '138****5678',
      idNumber: '440***********1234',
      cardNumber: '***************0123',
      customerId: 'C-1001',
      representative: { name: '李*', relation: 'agent', powerOfAttorney: true },
      priorityGroups: [{ group: 'elderly', basis: 'verified' }],
    });
    expect(c).toEqual(before);
  });

  it('adds no field that was absent', () => {
    expect(maskComplainant({ name: '张三' })).toEqual({ name: '张*' });
  });
});
