import { describe, expect, it } from 'vitest';
import { ComplaintNumberSet, ComplaintOwners, packComplaintNumber, unpackComplaintNumber } from '../src/engine/complaint-numbers.js';
import { prng } from './prng.js';

describe('complaint numbers packed', () => {
  it('gives every service number back exactly, leading zeros and widths included', () => {
    for (const id of ['CK20241128-0000001', 'CK20260301-000001', 'CK99991231-9999999', 'CK00000000-0', 'CK20241128-1', 'CK20241128-0010000']) {
      const p = packComplaintNumber(id);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(Number.isSafeInteger(p)).toBe(true);
      expect(unpackComplaintNumber(p)).toBe(id);
    }
    // Equal digits, other widths: other numbers.
    expect(packComplaintNumber('CK20241128-01')).not.toBe(packComplaintNumber('CK20241128-1'));
  });

  it('leaves any other text to the caller', () => {
    for (const id of ['A-1', 'ck20241128-0000001', 'CK2024112-0000001', 'CK20241128_0000001', 'CK20241128-00000001', 'CK20241128-', 'CK2024112x-0000001', 'CK20241128-000000a', '']) {
      expect(packComplaintNumber(id)).toBe(-1);
    }
  });

  it('holds what a Map and a Set would, through growth and deletions', () => {
    const rnd = prng(9);
    const owners = new ComplaintOwners();
    const kept = new ComplaintNumberSet();
    const model = new Map<string, string | null>();
    const customers = ['C1', 'C2', 'C3'];
    // Numbers close together (as a day's are) and a few of another shape.
    const number = () => (rnd() < 0.05 ? `X-${Math.floor(rnd() * 50)}` : `CK2024112${Math.floor(rnd() * 3)}-${String(Math.floor(rnd() * 6000)).padStart(7, '0')}`);
    for (let step = 0; step < 40_000; step++) {
      const id = number();
      const r = rnd();
      if (r < 0.6) {
        const owner = rnd() < 0.1 ? null : customers[Math.floor(rnd() * 3)]!;
        owners.set(id, owner);
        model.set(id, owner);
        kept.add(id);
      } else if (r < 0.9) {
        expect(owners.delete(id)).toBe(model.delete(id));
      } else {
        expect(owners.get(id)).toBe(model.get(id));
        expect(owners.has(id)).toBe(model.has(id));
      }
    }
    expect(owners.size).toBe(model.size);
    expect(new Map(owners)).toEqual(model);
    for (const id of model.keys()) expect(owners.get(id)).toBe(model.get(id));
    for (const id of model.keys()) expect(kept.has(id)).toBe(true);
    expect(kept.has('CK20241129-0000001')).toBe(false);
    expect(kept.has('X-999')).toBe(false);
  });
});
