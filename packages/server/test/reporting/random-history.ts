import type { HistoryRecord } from '@complaintkit/core/domain';
import { mulberry32 } from '../../src/seed/prng.js';

/** The seed's deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export const prng = mulberry32;

const ORG_REGION: Record<string, string | undefined> = {
  'SB-4403': '440300',
  'OT-440305': '440305',
  'SB-4401': '440104',
  'BR-44': '440000',
  'BR-11': '110105',
  'CC-CARD': undefined,
};
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Random historical complaints over the fixture bank, valid for the lifecycle: declines, withdrawals,
 * open ones, decisions with holds and extensions, follow-ups, reviews and closings, receipts near
 * Shanghai midnight, a small pool of customers so repeats happen.
 */
export function randomHistory(seed: number, n: number, startMs = Date.parse('2026-01-01T00:00:00+08:00'), spanDays = 120): HistoryRecord[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const out: HistoryRecord[] = [];
  for (let i = 0; i < n; i++) {
    const orgId = pick(Object.keys(ORG_REGION));
    const region = ORG_REGION[orgId];
    // A quarter of receipts fall within an hour of Shanghai midnight (16:00 UTC).
    const day = Math.floor(r() * spanDays);
    const received = r() < 0.25 ? startMs + day * DAY - HOUR + Math.floor(r() * 2 * HOUR) : startMs + day * DAY + Math.floor(r() * DAY);
    const rec: HistoryRecord = {
      sourceId: `OLD-${seed}-${i}`,
      receivedAt: iso(received),
      orgId,
      intakeChannel: pick(['hotline', 'outlet', 'mobile_app', 'regulator_transfer'] as const),
      businessChannel: pick(['A0101', 'A010303', 'A02'] as const),
      businessCategory: pick(['B0301', 'B0302', 'B0201', 'B01'] as const),
      cause: pick(['C01', 'C11', 'C03'] as const),
      severity: pick(['normal', 'normal', 'complex'] as const),
      ...(region && { regionCode: region }),
      ...(r() < 0.8 && { customerId: `C-${Math.floor(r() * 15)}` }),
      ...(r() < 0.1 ? { regulatorReference: `R-${i}` } : {}),
    };
    const fate = r();
    if (fate < 0.05) {
      out.push({ ...rec, declinedAt: iso(received + HOUR) });
      continue;
    }
    if (fate < 0.1) {
      out.push({ ...rec, withdrawnAt: iso(received + (1 + Math.floor(r() * 10)) * DAY) });
      continue;
    }
    const hold = r() < 0.2 ? 1 + Math.floor(r() * 5) : 0;
    if (hold) {
      rec.holdFrom = iso(received + 2 * DAY);
      rec.holdTo = iso(received + (2 + hold) * DAY);
    }
    const decidedDay = 1 + Math.floor(r() * 40);
    if (fate < 0.25) {
      if (r() < 0.3) rec.extendedAt = iso(received + 10 * DAY);
      out.push(rec);
      continue;
    }
    const decidedAt = received + (hold ? Math.max(decidedDay, hold + 3) : decidedDay) * DAY + Math.floor(r() * 8 * HOUR);
    if (decidedAt > received + 11 * DAY && r() < 0.5) rec.extendedAt = iso(received + 10 * DAY);
    if (rec.extendedAt && decidedAt > received + 26 * DAY && r() < 0.5) rec.extendedAgainAt = iso(received + 25 * DAY);
    rec.decidedAt = iso(decidedAt);
    rec.outcome = pick(['upheld', 'partly_upheld', 'not_upheld'] as const);
    let last = decidedAt;
    if (r() < 0.7) {
      last += DAY;
      rec.followUpAt = iso(last);
      rec.reached = r() < 0.85;
      if (rec.reached) rec.satisfaction = 1 + Math.floor(r() * 5);
      if (r() < 0.6) rec.decisionAccepted = r() < 0.8;
    }
    if (r() < 0.1) {
      last += DAY;
      rec.reviewRequestedAt = iso(last);
      if (r() < 0.7) {
        last += 5 * DAY;
        rec.reviewDecidedAt = iso(last);
      }
    }
    if (r() < 0.5 && (rec.reviewRequestedAt === undefined || rec.reviewDecidedAt !== undefined)) rec.closedAt = iso(last + DAY);
    out.push(rec);
  }
  return out;
}

/** Records as NDJSON text. */
export const ndjson = (records: readonly HistoryRecord[]): string => records.map((x) => JSON.stringify(x)).join('\n');
