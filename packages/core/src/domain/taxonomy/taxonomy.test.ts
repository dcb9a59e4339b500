/**
 * The classification (JR/T 0169-2018's three dimensions, docs/domain/taxonomy.md) and the intake channels:
 * the codes docs/domain names are all there, unique, well formed, with parents and both labels.
 */
import { describe, expect, it } from 'vitest';
import { BUSINESS_CATEGORIES, majorBusinessClass } from './business.js';
import { COMPLAINT_CAUSES } from './causes.js';
import { BUSINESS_CHANNELS } from './channels.js';
import { INTAKE_CHANNELS } from './intake.js';
import { labelOf } from './label.js';
import type { TaxonomyNode } from './types.js';

const DIMENSIONS: [string, readonly TaxonomyNode[], RegExp][] = [
  // A + 2, 4 or 6 digits (major, middle, minor class); B and C + 2 or 4.
  ['A', BUSINESS_CHANNELS, /^A\d{2}(\d{2}(\d{2})?)?$/],
  ['B', BUSINESS_CATEGORIES, /^B\d{2}(\d{2})?$/],
  ['C', COMPLAINT_CAUSES, /^C\d{2}(\d{2})?$/],
];
const ALL: readonly TaxonomyNode[] = [...BUSINESS_CHANNELS, ...BUSINESS_CATEGORIES, ...COMPLAINT_CAUSES, ...INTAKE_CHANNELS];

/** Written out from docs/domain, not from the tables. */
const EXPECTED = {
  A: 'A01 A0101 A0102 A0103 A010301 A010302 A010303 A010304 A010305 A010399 A0104 A0199 A02',
  B: 'B01 B02 B0201 B0202 B0203 B0299 B03 B0301 B0302 B04 B05 B06 B07 B08 B09 B10 B99',
  C: 'C01 C02 C03 C04 C05 C06 C07 C08 C09 C10 C11 C12 C99',
  intake:
    'outlet hotline mobile_app online_banking wechat website email letter regulator_transfer petition public_opinion consumer_association staff_mobile',
};

describe('taxonomy', () => {
  it('holds exactly the codes docs/domain names', () => {
    expect(BUSINESS_CHANNELS.map((n) => n.code).sort()).toEqual(EXPECTED.A.split(' ').sort());
    expect(BUSINESS_CATEGORIES.map((n) => n.code).sort()).toEqual(EXPECTED.B.split(' ').sort());
    expect(COMPLAINT_CAUSES.map((n) => n.code).sort()).toEqual(EXPECTED.C.split(' ').sort());
    expect(INTAKE_CHANNELS.map((n) => n.code).sort()).toEqual(EXPECTED.intake.split(' ').sort());
  });

  it('has no code twice, across all dimensions and the intake channels', () => {
    const codes = ALL.map((n) => n.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(13 + 17 + 13 + 13);
  });

  it.each(DIMENSIONS)('dimension %s: every code has its format, and every parent exists one level up', (_d, nodes, format) => {
    const byCode = new Map(nodes.map((n) => [n.code, n]));
    for (const n of nodes) {
      expect(n.code, n.code).toMatch(format);
      if (n.code.length === 3) {
        expect(n.parent, n.code).toBeNull();
      } else {
        expect(n.parent, n.code).toBe(n.code.slice(0, -2));
        expect(byCode.has(n.parent!), `${n.code}'s parent ${n.parent}`).toBe(true);
      }
    }
  });

  it('codes "other" as 99 at every level, and only "other"', () => {
    for (const n of ALL.filter((x) => /^[ABC]/.test(x.code))) {
      const other = n.code.endsWith('99');
      expect(other, `${n.code} ${n.zh}`).toBe(n.zh.includes('其他'));
      expect(other, `${n.code} ${n.en}`).toBe(/\bother\b/i.test(n.en));
    }
  });

  it('intake channels are flat', () => {
    for (const n of INTAKE_CHANNELS) expect(n.parent).toBeNull();
  });

  it('every node has a zh-CN and an en label, and an official-code slot', () => {
    for (const n of ALL) {
      expect(n.zh.trim(), n.code).not.toBe('');
      expect(n.en.trim(), n.code).not.toBe('');
      expect(n.zh, n.code).toMatch(/[\u4e00-\u9fff]/);
      expect(n.en, n.code).toMatch(/^[A-Z]/);
      expect('official' in n).toBe(true);
    }
  });

  it('labelOf finds any code in either language and falls back to the code', () => {
    expect(labelOf('B0302')).toBe('信用卡');
    expect(labelOf('B0302', 'zh-CN')).toBe('信用卡');
    expect(labelOf('B0302', 'en')).toBe('Credit card');
    expect(labelOf('A0101', 'zh-CN')).toBe('营业现场');
    expect(labelOf('A010303', 'en')).toBe('Mobile banking app');
    expect(labelOf('C01', 'zh-CN')).toBe('服务态度及服务质量');
    expect(labelOf('regulator_transfer', 'en')).toBe('Regulator transfer (12378 / 12363)');
    expect(labelOf('B77', 'en')).toBe('B77');
    expect(labelOf('', 'en')).toBe('');
    for (const n of ALL) {
      expect(labelOf(n.code, 'zh-CN')).toBe(n.zh);
      expect(labelOf(n.code, 'en')).toBe(n.en);
    }
  });

  it('the seed categories are views over these codes', () => {
    // deposits/withdrawals = B01; e-banking = A0103; consumer credit = B0202; mortgage = B0201;
    // credit card = B0302; outlet service attitude = A0101 + C01.
    expect(labelOf('B01', 'en')).toMatch(/savings/i);
    expect(labelOf('A0103', 'en')).toMatch(/electronic/i);
    expect(labelOf('B0202', 'en')).toMatch(/consumer/i);
    expect(labelOf('B0201', 'en')).toMatch(/mortgage/i);
    expect(labelOf('B0302', 'en')).toMatch(/credit card/i);
    expect(labelOf('A0101', 'en')).toMatch(/outlet/i);
    expect(labelOf('C01', 'en')).toMatch(/attitude/i);
  });

  it('majorBusinessClass gives the B major class', () => {
    expect(majorBusinessClass('B0302')).toBe('B03');
    expect(majorBusinessClass('B0201')).toBe('B02');
    expect(majorBusinessClass('B99')).toBe('B99');
  });
});
