import { BusinessCategory, ComplaintStatusSchema, IntakeChannel, PriorityGroup, Severity } from '@complaintkit/core/domain';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ComplaintRow, checkComplaintRow } from '../src/input/complaint-row.js';
import { complaintRowCheck } from '../src/input/complaint-row-check.generated.js';
import { issuesToInputError } from '../src/input/errors.js';

// The generated row check (what a full build runs on every good row) against the zod schema it was
// generated from (`ComplaintRow`, from core's schemas): on random valid rows, and on each of them with
// one field made wrong, both accept or both refuse and fill the same defaults, and a refused row's error
// (zod's: the generated check only says yes or no, and a read asks zod why not) names the field made wrong.
// A failure prints fast-check's seed and path, to replay it with { seed, path }.

const FIELDS = Object.keys(ComplaintRow.shape);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;

/** An instant with an offset as core's `Timestamp` takes it: any valid day (29 February in leap years), fraction, `Z` or ±hh:mm. */
const timestamp = fc
  .record({
    y: fc.integer({ min: 1970, max: 2099 }),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 31 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    frac: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
    offset: fc.oneof(fc.constant('Z'), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([s, h, m]) => `${s}${pad(h)}:${pad(m)}`)),
  })
  .map(({ y, m, d, h, mi, s, frac, offset }) => `${y}-${pad(m)}-${pad(Math.min(d, daysIn(y, m)))}T${pad(h)}:${pad(mi)}:${pad(s)}${frac === undefined ? '' : `.${frac}`}${offset}`);

/** A field that may be left out, be null, or hold a value. */
const nullish = <T>(value: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), fc.constant(null), value);
const hash = fc.stringMatching(/^[0-9a-f]{64}$/);
const membership = fc.record({ group: fc.constantFrom(...PriorityGroup.options), basis: fc.constantFrom('self_reported', 'verified') });

/** A row zod accepts, every optional field sometimes left out, sometimes null. */
const validRow = fc
  .record({
    id: fc.tuple(fc.stringMatching(/^\d{8}$/), fc.stringMatching(/^\d{6,9}$/)).map(([d, n]) => `CK${d}-${n}`),
    status: fc.constantFrom(...ComplaintStatusSchema.options),
    receivedAt: timestamp,
    updatedAt: timestamp,
    intakeChannel: fc.constantFrom(...IntakeChannel.options),
    businessCategory: fc.constantFrom(...BusinessCategory.options),
    severity: fc.option(fc.constantFrom(...Severity.options), { nil: undefined }),
    customerId: nullish(fc.string({ minLength: 1, maxLength: 64 }).filter((s) => !s.includes('|'))),
    phoneHash: nullish(hash),
    idNumberHash: nullish(hash),
    phone: nullish(fc.string({ maxLength: 40 })),
    idNumber: nullish(fc.string({ maxLength: 40 })),
    cardNumber: nullish(fc.string({ maxLength: 40 })),
    priorityGroups: fc.option(fc.array(membership, { maxLength: 6 }), { nil: undefined }),
    decisionDueAt: nullish(timestamp),
    respondedAt: nullish(timestamp),
    followUpAt: nullish(timestamp),
    satisfactionScore: nullish(fc.integer({ min: 1, max: 5 })),
    decisionAccepted: nullish(fc.boolean()),
    reviewRequestedAt: nullish(timestamp),
  })
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, unknown>);

const TIMESTAMP_FIELDS = ['receivedAt', 'updatedAt', 'decisionDueAt', 'respondedAt', 'followUpAt', 'reviewRequestedAt'];
const CODE_FIELDS = ['status', 'intakeChannel', 'businessCategory', 'severity'];
/** Dates that are not instants with an offset, or not days at all. */
const BAD_DATES = [
  '2026-06-01T00:00:00', '2026-06-01 00:00:00Z', '2026-06-01', '2026-13-01T00:00:00Z', '2026-00-10T00:00:00Z', '2027-02-29T00:00:00Z',
  '2100-02-29T00:00:00Z', '2026-04-31T00:00:00Z', '2026-06-01T24:00:00Z', '2026-06-01T00:60:00Z', '2026-06-01T00:00:00+0800',
  '2026-06-01T00:00:00+24:00', '2026-06-01T00:00:00+8:00', '2026-06-01T00:00:00.Z', '2026-06-01T00:00:00Zx', ' 2026-06-01T00:00:00Z', '',
];
/** Values out of each field's range (length, pattern, bounds). */
const OUT_OF_RANGE: Record<string, unknown[]> = {
  id: ['CK2026060-000001', 'CK20260601-00001', 'ck20260601-000001', 'CK20260601-000001 ', 'XX20260601-000001'],
  customerId: ['', 'x'.repeat(65), 'A|B', '|'],
  phoneHash: ['a'.repeat(63), 'a'.repeat(65), 'A'.repeat(64), 'g'.repeat(64)],
  idNumberHash: ['b'.repeat(63), 'B'.repeat(64)],
  phone: ['1'.repeat(41)],
  idNumber: ['1'.repeat(41)],
  cardNumber: ['4'.repeat(41)],
  satisfactionScore: [0, 6, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY, 1e21],
  priorityGroups: [
    Array.from({ length: 7 }, () => ({ group: 'police', basis: 'verified' })),
    [{ group: 'police' }],
    [{ basis: 'verified' }],
    [{ group: 'police', basis: 'guessed' }],
    [null],
    ['police'],
  ],
};
/** A value of another JSON type than the field holds. */
const WRONG_TYPES = [42, 'x', true, false, {}, [], [1], { group: 'police', basis: 'verified' }];

type Mutation = { field: string; kind: string; value?: unknown };
/** One field made wrong: wrong type, left out, null, out of range, a bad date, an unknown code, or an extra key. */
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ field: fc.constantFrom(...FIELDS), kind: fc.constant('wrong type'), value: fc.constantFrom(...WRONG_TYPES) }),
  fc.record({ field: fc.constantFrom(...FIELDS), kind: fc.constant('missing') }),
  fc.record({ field: fc.constantFrom(...FIELDS), kind: fc.constant('null'), value: fc.constant(null) }),
  fc.constantFrom(...Object.keys(OUT_OF_RANGE)).chain((field) => fc.record({ field: fc.constant(field), kind: fc.constant('out of range'), value: fc.constantFrom(...OUT_OF_RANGE[field]!) })),
  fc.record({ field: fc.constantFrom(...TIMESTAMP_FIELDS), kind: fc.constant('bad date'), value: fc.constantFrom(...BAD_DATES) }),
  fc.record({
    field: fc.constantFrom(...CODE_FIELDS),
    kind: fc.constant('unknown code'),
    value: fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('B0399', 'b0302', 'B0302 ', 'Closed', 'MAJOR', 'sms', '__proto__', 'toString')),
  }),
  fc.record({ field: fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !FIELDS.includes(k) && k !== '__proto__'), kind: fc.constant('extra key'), value: fc.jsonValue({ maxDepth: 1 }) }),
);

function mutate(row: Record<string, unknown>, m: Mutation): Record<string, unknown> {
  const r = structuredClone(row);
  if (m.kind === 'missing') delete r[m.field];
  else r[m.field] = structuredClone(m.value);
  return r;
}

/** The field an InputError names for this row (zod's issues, as a read reports a refused row). */
const zodField = (r: unknown) => {
  const parsed = ComplaintRow.safeParse(structuredClone(r));
  return parsed.success ? null : issuesToInputError('f.ndjson', 1, parsed.error.issues).field;
};

/** The row as a read passes it on: what the generated check leaves (defaults filled in place), the schema's fields. */
const asChecked = (r: Record<string, unknown>) => Object.fromEntries(FIELDS.filter((f) => r[f] !== undefined).map((f) => [f, r[f]]));

describe('the generated row check and the zod schema it was generated from', () => {
  it('accept every random valid row, and fill the same defaults', () => {
    fc.assert(
      fc.property(validRow, (r) => {
        const zod = ComplaintRow.safeParse(structuredClone(r));
        expect(zod.success, zod.error?.message).toBe(true);
        const mine = structuredClone(r);
        expect(complaintRowCheck(mine)).toBe(true);
        expect(asChecked(mine)).toEqual(zod.data);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);

  it('accept and refuse the same rows with one field made wrong, and the error names that field', () => {
    const kinds = new Map<string, { refused: number; accepted: number }>();
    fc.assert(
      fc.property(validRow, mutation, (row, m) => {
        const bad = mutate(row, m);
        const zod = ComplaintRow.safeParse(structuredClone(bad));
        const mine = structuredClone(bad);
        expect(complaintRowCheck(mine), `${m.kind} ${m.field}`).toBe(zod.success);
        if (zod.success) expect(asChecked(mine)).toEqual(zod.data);
        // What a read returns: the row when the generated check accepts, else zod's issues.
        expect(Array.isArray(checkComplaintRow(structuredClone(bad))), `${m.kind} ${m.field}`).toBe(!zod.success);
        // A refused row names the field that was made wrong.
        if (!zod.success) expect(zodField(bad)?.split('.')[0]).toBe(m.field);
        const seen = kinds.get(m.kind) ?? { refused: 0, accepted: 0 };
        seen[zod.success ? 'accepted' : 'refused']++;
        kinds.set(m.kind, seen);
      }),
      { numRuns: 4000 },
    );
    // Every kind of mutation was tried and (but the extra key, which both ignore) refused at least once.
    for (const kind of ['wrong type', 'missing', 'null', 'out of range', 'bad date', 'unknown code']) expect(kinds.get(kind)?.refused, kind).toBeGreaterThan(10);
    expect(kinds.get('extra key')).toMatchObject({ refused: 0 });
  }, 120_000);
});
