import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ComplaintRow, checkComplaintRow } from '../src/input/complaint-row.js';
import { compileCheck } from '../src/input/compiled-check.js';
import { at, row } from './rows.js';
import { prng as random } from './prng.js';

const full = () => ({
  ...row(3, 'C-1'),
  severity: 'major',
  phoneHash: 'a'.repeat(64),
  priorityGroups: [{ group: 'elderly', basis: 'verified' }],
  decisionDueAt: at(18),
  respondedAt: at(10),
  followUpAt: at(12),
  satisfactionScore: 2,
  decisionAccepted: false,
  reviewRequestedAt: at(13),
});
/** Values that are wrong somewhere, or right: each field of the shape gets every one in turn. */
const VALUES: unknown[] = [
  undefined, null, '', 'x', 'CK20260601-000001', 'CK2026-1', 'closed', 'merged', 'hotline', 'B0302', 'B03', 'Z99', 'major', 'huge',
  at(1), '2026-06-01T00:00:00+08:00', '2026-06-01T00:00:00', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2028-02-29T10:00:00.5Z',
  'a'.repeat(64), 'A'.repeat(64), 'a'.repeat(63), 'C|1', 'x'.repeat(65), 'x'.repeat(41), 0, 1, 3, 5, 6, 2.5, -1, Number.NaN, true, false,
  [], [{ group: 'elderly', basis: 'verified' }], [{ group: 'elderly' }], [{ group: 'nobody', basis: 'verified' }], Array(7).fill({ group: 'police', basis: 'self_reported' }),
  {}, [1],
];

describe('compileCheck', () => {
  const check = compileCheck(ComplaintRow)!;

  it('compiles the complaint row schema (so the fast path is taken at all)', () => {
    expect(check).toBeTypeOf('function');
  });

  it('accepts exactly what zod accepts, field by field, and fills the same defaults', () => {
    const fields = Object.keys(ComplaintRow.shape);
    let accepted = 0;
    for (const field of fields) {
      for (const value of VALUES) {
        const data: Record<string, unknown> = { ...full(), [field]: value };
        if (value === undefined) delete data[field];
        const zod = ComplaintRow.safeParse(structuredClone(data));
        const mine = structuredClone(data);
        expect(check(mine), `${field} = ${JSON.stringify(value)}`).toBe(zod.success);
        if (zod.success) {
          accepted++;
          expect(mine).toEqual(zod.data);
        }
      }
    }
    expect(accepted).toBeGreaterThan(fields.length * 3);
  });

  it('agrees with zod on random rows with several fields wrong at once', () => {
    const next = random(20261130);
    const fields = Object.keys(ComplaintRow.shape);
    for (let n = 0; n < 3000; n++) {
      const data: Record<string, unknown> = full();
      for (let k = Math.floor(next() * 3); k >= 0; k--) data[fields[Math.floor(next() * fields.length)]!] = VALUES[Math.floor(next() * VALUES.length)];
      expect(check(structuredClone(data)), JSON.stringify(data)).toBe(ComplaintRow.safeParse(data).success);
    }
    expect(check(null)).toBe(false);
    expect(check([full()])).toBe(false);
  });

  it('gives up (null) on what it does not know, so zod is used instead', () => {
    expect(compileCheck(z.object({ a: z.string().refine((s) => s !== 'b') }))).toBeNull();
    expect(compileCheck(z.object({ a: z.union([z.string(), z.number()]) }))).toBeNull();
    expect(compileCheck(z.object({ a: z.email() }))).toBeNull();
    expect(compileCheck(z.object({ a: z.string().transform((s) => s.length) }))).toBeNull();
  });

  it('leaves the error to zod: the issues name the field', () => {
    const bad = checkComplaintRow({ ...full(), receivedAt: '2026-13-01T00:00:00Z' });
    expect(Array.isArray(bad) && bad[0]?.path).toEqual(['receivedAt']);
    expect(checkComplaintRow(full())).toMatchObject({ id: expect.stringMatching(/^CK/), severity: 'major' });
  });
});
