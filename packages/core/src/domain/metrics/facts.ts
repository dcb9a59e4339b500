import { type ClockOptions, computeClock, deadlineAfter } from '../clock/index.js';
import { localDate } from '../clock/time.js';
import { timelinessOf, toldAtOf } from '../clock/timeliness.js';
import type { Complaint } from '../schemas/complaint.js';
import { majorBusinessClass } from '../taxonomy/business.js';
import type { BusinessCategoryCode } from '../taxonomy/codes.js';

/**
 * The region bucket of a complaint with no region: a functional centre (credit-card centre, remote
 * banking) that reports outside the provinces. The heat map shows it, never drops it
 * (docs/domain/metrics.md, Heat map).
 *
 * @example
 * ```ts
 * factsOf(complaint, paths).province === NOT_REGIONAL; // for a credit-card-centre complaint
 * ```
 */
export const NOT_REGIONAL = 'not_regional';

/**
 * The facts about one complaint that every metric reads: the measured record, flattened. The service
 * keeps one row of these per complaint (`complaint_facts`), rewritten in the same transaction as the
 * complaint, and the in-memory reference ({@link computeReport}) reads the same objects, so the two
 * cannot drift apart. Instants are epoch ms; days are Asia/Shanghai bank days (`YYYY-MM-DD`).
 *
 * @example
 * ```ts
 * const f: ComplaintFacts = factsOf(complaint, { orgPath: '/HO/BR-44/', firstOrgPath: null });
 * f.receivedDay; // '2026-03-01' even when received at 2026-02-28T17:30Z
 * ```
 */
export interface ComplaintFacts {
  readonly id: string;
  readonly receivedAt: number;
  readonly receivedDay: string;
  /** In R(P): not merged into another complaint and not declined (docs/domain/metrics.md). */
  readonly counted: boolean;
  readonly intakeChannel: string;
  readonly businessChannel: string;
  readonly businessCategory: string;
  /** The B major class (`B03` for `B0302`), the unit of repeat detection. */
  readonly businessMajor: string;
  readonly cause: string;
  readonly severity: string;
  /** GB/T 2260 code, `null` when not regional. */
  readonly regionCode: string | null;
  /** `440000`-style province code, or {@link NOT_REGIONAL}. */
  readonly province: string;
  /** `440300`-style prefecture code, or {@link NOT_REGIONAL}. */
  readonly prefecture: string;
  /** Materialised path of the organisation the complaint is measured against (`/HO/BR-44/SB-440301/`). */
  readonly orgPath: string;
  /** The customer behind it: the retail customer id, `null` without one (docs/domain/metrics.md, Repeats: keyed identity hashes not yet used). */
  readonly customerKey: string | null;
  /** When the final decision was made and the complainant told (not a review decision); `null` while undecided. */
  readonly decidedAt: number | null;
  readonly decidedDay: string | null;
  /** Decided and told by the deadline (extensions approved and holds included); `null` while undecided. */
  readonly met: boolean | null;
  /** Decided and told within 15 days of receipt, whatever was extended. */
  readonly metStrict: boolean | null;
  /** Decided − received − time on hold (ms); `null` while undecided. */
  readonly handlingMs: number | null;
  /** The decision deadline (ms) as last computed (the one a decision is judged against); `null` while on hold. */
  readonly dueAt: number | null;
  /** When handling stopped without a decision (withdrawn, declined, merged). */
  readonly stoppedAt: number | null;
  /** The latest follow-up after the decision reached the complainant. */
  readonly reached: boolean | null;
  /** The latest rated follow-up: its score 1–5 and bank day. */
  readonly score: number | null;
  readonly ratedDay: string | null;
  /** Whether the complainant accepted the decision, as last recorded on a follow-up. */
  readonly accepted: boolean | null;
  /** A review (核查) was requested after the decision. */
  readonly reviewRequested: boolean;
  /** Another complaint of the same customer on the same B major class was received within the repeat window before it. Set by {@link markRepeats}. */
  readonly isRepeat: boolean;
}

/**
 * Where a complaint sits in the organisation tree, as the store knows it.
 *
 * @example
 * ```ts
 * const paths: FactPaths = { orgPath: '/HO/BR-44/', firstOrgPath: null };
 * ```
 */
export interface FactPaths {
  readonly orgPath: string;
}

/** @internal */
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
/** @internal */
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);

/**
 * The facts of one complaint, derived only from the complaint itself (its timeline, clock and codes),
 * so a live complaint and the same complaint imported from history give the same facts. Met or missed
 * is judged when the complainant is told (`notifiedAt`, which the service refuses in the future); the clock is
 * core's {@link computeClock} with the same calendar the service uses (docs/domain/clocks.md).
 * `isRepeat` is left `false`: it depends on other complaints, see {@link markRepeats}.
 *
 * @example
 * ```ts
 * const f = factsOf(complaint, { orgPath: '/HO/BR-44/' }, { calendar });
 * if (f.met === false) console.log(`${f.id} was decided late`);
 * ```
 */
export function factsOf(c: Complaint, paths: FactPaths, clock: Omit<ClockOptions, 'now'> = {}): ComplaintFacts {
  const receivedAt = Date.parse(c.receivedAt);
  const now = Math.max(Date.parse(c.updatedAt), receivedAt);
  const state = computeClock(c, { ...clock, now });

  let decidedAt: number | null = null;
  let reached: boolean | null = null;
  let score: number | null = null;
  let ratedAt: number | null = null;
  let accepted: boolean | null = null;
  let reviewRequested = false;
  for (const e of c.timeline) {
    const at = Date.parse(e.at);
    switch (e.type) {
      case 'respond':
        if (e.fromStatus !== 'under_review') {
          decidedAt = toldAtOf(e);
          reached = null;
          accepted = null;
          reviewRequested = false;
        }
        break;
      case 'follow_up': {
        const r = bool(e.data.reached);
        if (r !== null) reached = reached === true ? true : r;
        const s = num(e.data.satisfaction);
        if (s !== null) {
          score = s;
          ratedAt = at;
        }
        const a = bool(e.data.decisionAccepted);
        if (a !== null) accepted = a;
        break;
      }
      case 'request_review':
        reviewRequested = true;
        break;
      case 'reopen':
        decidedAt = null;
        break;
    }
  }
  if (state.respondedAt === null) decidedAt = null;
  const dueAt = Date.parse(state.dueAt);
  const decided = decidedAt !== null;
  const strictDue = deadlineAfter(Date.parse(state.startedAt), 15, clock.calendar);
  const region = c.regionCode;
  return {
    id: c.id,
    receivedAt,
    receivedDay: localDate(receivedAt),
    counted: c.status !== 'merged' && c.status !== 'declined',
    intakeChannel: c.intakeChannel,
    businessChannel: c.businessChannel,
    businessCategory: c.businessCategory,
    businessMajor: majorBusinessClass(c.businessCategory as BusinessCategoryCode),
    cause: c.cause,
    severity: c.severity ?? 'normal', // present on every stored complaint (absent only in a customer's view)
    regionCode: region,
    province: region === null ? NOT_REGIONAL : `${region.slice(0, 2)}0000`,
    prefecture: region === null ? NOT_REGIONAL : `${region.slice(0, 4)}00`,
    orgPath: paths.orgPath,
    customerKey: c.complainant.customerId ?? null,
    decidedAt,
    decidedDay: decidedAt === null ? null : localDate(decidedAt),
    met: decided ? timelinessOf(decidedAt as number, dueAt) === 'met' : null,
    metStrict: decided ? timelinessOf(decidedAt as number, strictDue) === 'met' : null,
    handlingMs: decided ? Math.max(0, (decidedAt as number) - Date.parse(state.startedAt) - state.pausedMs) : null,
    dueAt: state.state === 'paused' ? null : dueAt,
    stoppedAt: state.state === 'stopped' && state.stoppedAt !== null ? Date.parse(state.stoppedAt) : null,
    reached: decided ? reached : null,
    score: decided ? score : null,
    ratedDay: decided && ratedAt !== null ? localDate(ratedAt) : null,
    accepted: decided ? accepted : null,
    reviewRequested: decided && reviewRequested,
    isRepeat: false,
  };
}
