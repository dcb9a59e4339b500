import { describe, expect, it } from 'vitest';
import { isoTime, parseInstant } from '../src/engine/iso-instant.js';

describe('ISO instants without Date objects', () => {
  it('writes what toISOString writes and reads what Date.parse reads', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const instants = [0, 951_782_400_000, 951_868_799_999, 4_102_444_799_999, 1_709_164_800_000, 253_402_300_799_999];
    for (let i = 0; i < 20_000; i++) instants.push(Math.floor(next() * 4_102_444_800_000));
    for (const t of instants) {
      const text = new Date(t).toISOString();
      expect(isoTime(t)).toBe(text);
      expect(parseInstant(text)).toBe(t);
    }
  });

  it('hands every other shape to Date', () => {
    for (const s of ['2026-11-29T08:00:00+08:00', '2026-11-29T00:00:00Z', '2026-11-29T00:00:00.5Z', '0050-01-01T00:00:00.000Z']) expect(parseInstant(s)).toBe(Date.parse(s));
    expect(isoTime(-1)).toBe(new Date(-1).toISOString());
    expect(isoTime(1.5)).toBe(new Date(1.5).toISOString());
  });
});
