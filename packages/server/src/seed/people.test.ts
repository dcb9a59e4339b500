import { describe, expect, it } from 'vitest';
import { customerId, fakeCardNumber, fakeIdNumber, fakeMobile, fakeName, idCheckChar, luhnCheckDigit, staffId } from './people.js';
import { createRng, mulberry32 } from './prng.js';

const luhnValid = (n: string) => luhnCheckDigit(n.slice(0, -1)) === n.slice(-1);

describe('the seeded random source', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = Array.from({ length: 5 }, mulberry32(42));
    expect(Array.from({ length: 5 }, mulberry32(42))).toEqual(a);
    expect(Array.from({ length: 5 }, mulberry32(43))).not.toEqual(a);
  });

  it('forks independent, reproducible streams by label', () => {
    const rng = createRng(42);
    expect(rng.fork('staff').next()).toBe(createRng(42).fork('staff').next());
    expect(rng.fork('staff').next()).not.toBe(rng.fork('lives').next());
  });

  it('draws weighted choices in proportion', () => {
    const rng = createRng(1);
    let a = 0;
    for (let i = 0; i < 4000; i++) if (rng.weighted([['a', 3], ['b', 1]] as const) === 'a') a++;
    expect(a / 4000).toBeGreaterThan(0.7);
    expect(a / 4000).toBeLessThan(0.8);
  });
});

describe('fake personal data', () => {
  it('computes the GB 11643 check character of a resident ID number', () => {
    // The specimen number printed in GB 11643-1999.
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('computes the Luhn check digit of a card number', () => {
    expect(luhnCheckDigit('7992739871')).toBe('3');
  });

  it('makes valid-looking mobiles, ID numbers and card numbers', () => {
    const rng = createRng(7);
    for (let i = 0; i < 200; i++) {
      expect(fakeMobile(rng)).toMatch(/^1[3-9]\d{9}$/);
      const id = fakeIdNumber(rng, '440305', '1958-04-02');
      expect(id).toMatch(/^44030519580402\d{3}[\dX]$/);
      expect(id.slice(17)).toBe(idCheckChar(id.slice(0, 17)));
      const credit = fakeCardNumber(rng, 'credit');
      const debit = fakeCardNumber(rng, 'debit');
      expect(credit).toHaveLength(16);
      expect(debit).toHaveLength(19);
      expect(luhnValid(credit) && luhnValid(debit)).toBe(true);
      expect(fakeName(rng)).toMatch(/^\p{Script=Han}{2,4}$/u);
    }
  });

  it('formats customer and staff ids', () => {
    expect(customerId(123)).toBe('C-000123');
    expect(staffId(7)).toBe('u-0007');
  });
});
