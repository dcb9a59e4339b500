/**
 * The history import's replay (`replayHistory`, through core's `applySteps`, trusted: the step bodies
 * not parsed again, registration's deadline snapshot left to the last step, the clock only where a
 * rule reads it) gives exactly what the lifecycle gives step by step (`applyAction` after
 * `applyAction`, every body parsed, every snapshot computed): the same complaint byte for byte
 * (timeline, deadlines, decision, follow-ups, review) or the same refusal at the same column, over
 * random histories, valid ones and ones whose times the lifecycle refuses.
 */
import { ACTION_BODIES, applyAction, type Complaint, type HistoryRecord } from '@complaintkit/core/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyStart, type ReplayError, replayHistory, TRUSTED_BODIES } from '../../src/history/replay.js';
import { documentText } from '../../src/store/rows.js';
import { randomHistory } from './random-history.js';

type Ctx = Parameters<typeof replayHistory>[1];

/** The reference: registration, then `applyAction` one step after another. */
function stepwise(r: HistoryRecord, ctx: Ctx): { complaint: Complaint } | { error: ReplayError } {
  const start = historyStart(r, ctx);
  if ('error' in start) return start;
  let c = start.complaint;
  for (const s of start.steps) {
    try {
      c = applyAction(c, s.action, s.input, s.ctx);
    } catch (e) {
      return { error: { field: s.field, message: e instanceof Error ? e.message : String(e) } };
    }
  }
  return { complaint: c };
}

const DAY = 86_400_000;
const RECEIVED = Date.parse('2025-09-20T15:30:00Z'); // near Shanghai midnight, before the National Day holidays
const FIELDS = ['extendedAt', 'extendedAgainAt', 'holdFrom', 'holdTo', 'decidedAt', 'followUpAt', 'reviewRequestedAt', 'reviewDecidedAt', 'closedAt', 'withdrawnAt', 'declinedAt'] as const;

/** Any combination of the lifecycle's columns at any time from a day before receipt to 70 days after. */
const anyHistory = fc
  .record({
    received: fc.integer({ min: 0, max: 400 }).map((d) => RECEIVED + d * DAY),
    offsets: fc.record(Object.fromEntries(FIELDS.map((f) => [f, fc.option(fc.integer({ min: -DAY, max: 70 * DAY }), { nil: undefined, freq: 2 })])) as Record<
      (typeof FIELDS)[number],
      fc.Arbitrary<number | undefined>
    >),
    outcome: fc.option(fc.constantFrom('upheld', 'partly_upheld', 'not_upheld' as const), { nil: undefined }),
    reached: fc.option(fc.boolean(), { nil: undefined }),
    satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    decisionAccepted: fc.option(fc.boolean(), { nil: undefined }),
    customer: fc.option(fc.constantFrom('C-1', 'C-2'), { nil: undefined }),
  })
  .map(({ received, offsets, ...rest }): HistoryRecord => {
    const r: Record<string, unknown> = {
      sourceId: 'OLD-1',
      receivedAt: new Date(received).toISOString(),
      orgId: 'SB-4403',
      intakeChannel: 'hotline',
      businessChannel: 'A0101',
      businessCategory: 'B0302',
      cause: 'C11',
      regionCode: '440300',
    };
    for (const f of FIELDS) if (offsets[f] !== undefined) r[f] = new Date(received + (offsets[f] as number)).toISOString();
    if (rest.outcome !== undefined) r.outcome = rest.outcome;
    if (rest.reached !== undefined) r.reached = rest.reached;
    if (rest.satisfaction !== undefined) r.satisfaction = rest.satisfaction;
    if (rest.decisionAccepted !== undefined) r.decisionAccepted = rest.decisionAccepted;
    if (rest.customer !== undefined) r.customerId = rest.customer;
    return r as HistoryRecord;
  });

describe('history replay through applySteps', () => {
  it('equals applyAction step by step over random histories, refusals included', () => {
    const seen = { complaints: 0, errors: 0 };
    fc.assert(
      fc.property(anyHistory, fc.constantFrom<string | undefined>('BR-44', undefined), (record, reviewerOrgId) => {
        const ctx: Ctx = { id: 'CK20250920-000001', firstSeq: 7, reviewerOrgId };
        const fast = replayHistory(record, ctx);
        const slow = stepwise(record, ctx);
        expect(fast).toEqual(slow);
        // Byte for byte: the stored document is this text.
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
        if ('complaint' in fast) seen.complaints++;
        else seen.errors++;
      }),
      { numRuns: 1_500, seed: 20261130 },
    );
    // Both sides of the property were exercised: complaints built, and refusals at some column.
    expect(seen.complaints).toBeGreaterThan(100);
    expect(seen.errors).toBeGreaterThan(100);
  });

  it('equals applyAction step by step over the import tests’ valid histories (holds, extensions, reviews, follow-ups)', () => {
    let steps = 0;
    for (const record of randomHistory(20261130, 400)) {
      const ctx: Ctx = { id: 'CK20260101-000001', firstSeq: 1, reviewerOrgId: 'BR-44' };
      const fast = replayHistory(record, ctx);
      expect('complaint' in fast).toBe(true);
      const slow = stepwise(record, ctx);
      expect(fast).toEqual(slow);
      expect(JSON.stringify(fast)).toBe(JSON.stringify(slow));
      if ('complaint' in fast) steps += fast.complaint.timeline.length;
    }
    expect(steps).toBeGreaterThan(400 * 3);
  });

  it('builds each trusted step’s body exactly as its action’s schema outputs it (what the replay relies on)', () => {
    let bodies = 0;
    const check = (record: HistoryRecord) => {
      const start = historyStart(record, { id: 'CK20250920-000001', firstSeq: 1, reviewerOrgId: 'BR-44' });
      if ('error' in start) return;
      for (const s of start.steps) {
        if (!TRUSTED_BODIES.includes(s.action)) continue;
        const parsed = ACTION_BODIES[s.action].parse(s.input);
        expect(JSON.stringify(s.input), s.action).toBe(JSON.stringify(parsed));
        bodies++;
      }
    };
    fc.assert(fc.property(anyHistory, (record) => check(record)), { numRuns: 500, seed: 20261201 });
    for (const record of randomHistory(20261201, 200)) check(record);
    expect(bodies).toBeGreaterThan(1_000);
  });

  it('stores the document built from the events’ JSON texts exactly as JSON.stringify writes it', () => {
    const tricky = ['"timeline":"\u0000x\u0000"', '"timeline":[]', '\u0000\u0000', '（历史数据导入）"}]'];
    let n = 0;
    for (const [i, record] of randomHistory(7, 300).entries()) {
      const out = replayHistory({ ...record, description: tricky[i % tricky.length] as string }, { id: 'CK20260101-000001', firstSeq: 1, reviewerOrgId: 'BR-44' });
      if (!('complaint' in out)) continue;
      const c = out.complaint;
      expect(documentText(c, c.timeline.map((e) => JSON.stringify(e)))).toBe(JSON.stringify(c));
      n++;
    }
    expect(n).toBe(300);
  });
});
