import { describe, expect, it } from 'vitest';
import { identityHashMessage, normaliseCardNumber, normaliseIdNumber, normalisePhone } from './index.js';

describe('normalisePhone', () => {
  it.each([
    ['13812345678', '+8613812345678'],
    ['138 1234 5678', '+8613812345678'],
    ['138-1234-5678', '+8613812345678'],
    ['+86 138 1234 5678', '+8613812345678'],
    ['008613812345678', '+8613812345678'],
    ['8613812345678', '+8613812345678'],
    ['１３８１２３４５６７８', '+8613812345678'],
    ['0755-87654321', '+8675587654321'],
    ['(0755)87654321', '+8675587654321'],
    ['（0755）8765 4321', '+8675587654321'],
    ['+86 755 8765 4321', '+8675587654321'],
    ['010-12345678', '+861012345678'],
  ])('%s → %s', (raw, want) => expect(normalisePhone(raw)).toBe(want));

  it.each(['12345', '23812345678', '1381234567', '138123456789', 'abc', '', '+1 415 555 0100'])('refuses %s', (raw) =>
    expect(normalisePhone(raw)).toBeNull(),
  );
});

describe('normaliseIdNumber (GB 11643)', () => {
  it('accepts a valid number and upper-cases the X', () => {
    expect(normaliseIdNumber('11010519491231002x')).toBe('11010519491231002X');
    expect(normaliseIdNumber('110105 19491231 002X')).toBe('11010519491231002X');
    expect(normaliseIdNumber('440301199001011234')).toBe('440301199001011234');
  });
  it('refuses a wrong check character, an impossible date, a wrong length', () => {
    expect(normaliseIdNumber('110105194912310021')).toBeNull();
    expect(normaliseIdNumber('440301199002301233')).toBeNull(); // check character right, but 30 February
    expect(normaliseIdNumber('44030119900101123')).toBeNull();
  });
});

describe('normaliseCardNumber (Luhn)', () => {
  it('accepts a Luhn-valid number written in groups', () => {
    expect(normaliseCardNumber('6222 0212 3456 7890 128')).toBe('6222021234567890128');
    expect(normaliseCardNumber('4111-1111-1111-1111')).toBe('4111111111111111');
  });
  it('refuses a number failing the check or of the wrong length', () => {
    expect(normaliseCardNumber('6222021234567890123')).toBeNull();
    expect(normaliseCardNumber('41111111111')).toBeNull();
  });
});

describe('identityHashMessage', () => {
  it('is the same for every way of writing one number', () => {
    const forms = ['13812345678', '+86 138-1234-5678', '１３８ １２３４ ５６７８'];
    expect(new Set(forms.map((f) => identityHashMessage('phone', f)))).toEqual(new Set(['phone:+8613812345678']));
  });
  it('keeps kinds apart and hashes nothing invalid', () => {
    expect(identityHashMessage('idNumber', '11010519491231002X')).toBe('idNumber:11010519491231002X');
    expect(identityHashMessage('cardNumber', '6222021234567890123')).toBeNull();
  });
});
