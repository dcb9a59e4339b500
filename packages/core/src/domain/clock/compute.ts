import type { Complaint, Deadlines } from '../schemas/complaint.js';
import { CN_CALENDAR, type HolidayCalendar } from './calendar.js';
import { type ClockPolicy, DEFAULT_CLOCK_POLICY } from './policy.js';
import { DAY, addDays, endOfLocalDay, localDate, localDayNumber, toShanghaiIso } from './time.js';
import { timelinessOf, toldAtOf } from './timeliness.js';

/**
 * Where a clock stands: running and comfortable, running late, past due, met, missed, paused
 * (on hold for an external appraisal) or stopped (withdrawn, declined or merged).
 *
 * @example
 * ```ts
 * const s: ClockState = 'due_soon';
 * ```
 */
export type ClockState = 'on_track' | 'due_soon' | 'overdue' | 'met' | 'missed' | 'paused' | 'stopped';

/**
 * Every clock of one complaint at one instant: the result of {@link computeClock}.
 *
 * @example
 * ```ts
 * const clock: ComplaintClock = computeClock(complaint, { now: Date.now() });
 * if (clock.state === 'overdue') notify(complaint.id);
 * ```
 */
export interface ComplaintClock {
  /** Receipt, or the receipt of the latest new facts (during handling or on reopen). */
  readonly startedAt: string;
  readonly extensionLevel: 0 | 1 | 2;
  /** 15, 30 or 60. */
  readonly periodDays: number;
  /** Regulatory decision deadline: end of day in Asia/Shanghai, holiday-adjusted, hold time added back. */
  readonly dueAt: string;
  readonly warnAt: string;
  /**
   * Whether the holiday calendar covers the year of every deadline computed here (decision, review
   * window, review decision). `false`: a deadline lies in a year whose holidays are not loaded, so
   * it was counted with weekends only; load that year's notice (docs/domain/clocks.md).
   */
  readonly calendarCovered: boolean;
  /** Time on hold, so far. */
  readonly pausedMs: number;
  readonly paused: boolean;
  /** Active handling time (hold time excluded), up to the decision, the stop, or now. */
  readonly elapsedMs: number;
  /** When the decision was recorded. */
  readonly respondedAt: string | null;
  /** When the complainant was told the decision (`notifiedAt`): met or missed is judged on it. */
  readonly notifiedAt: string | null;
  /** When handling ended without a decision (withdrawal received, decline, merge); `null` otherwise. */
  readonly stoppedAt: string | null;
  readonly state: ClockState;
  /**
   * The internal fast-track target for priority groups; `null` for everyone else. Its decision target
   * restarts with new facts and moves by the time on hold, like the regulatory deadline.
   */
  readonly priority: null | {
    readonly firstContactDueAt: string;
    readonly firstContactAt: string | null;
    readonly decisionDueAt: string;
    readonly state: ClockState;
  };
  /**
   * The review (核查): the last day to ask for one, and once asked, its decision deadline and the
   * time it starts warning (as the decision clock: 80% of the period or 2 days before).
   */
  readonly review: null | {
    readonly requestBy: string;
    readonly requestedAt: string | null;
    readonly decisionDueAt: string | null;
    readonly warnAt: string | null;
    readonly state: ClockState | null;
  };
}

/**
 * Options of {@link computeClock}: an injectable now, holiday calendar and policy.
 *
 * @example
 * ```ts
 * const opts: ClockOptions = { now: Date.parse('2026-03-10T00:00:00+08:00'), calendar: CN_CALENDAR };
 * ```
 */
export interface ClockOptions {
  readonly now?: number | Date;
  /** Default {@link CN_CALENDAR}: mainland China's holidays for the years this release ships. */
  readonly calendar?: HolidayCalendar;
  readonly policy?: ClockPolicy;
}

/**
 * The fields of a complaint the clock reads: receipt, timeline and priority groups.
 *
 * @example
 * ```ts
 * const input: ClockInput = complaint;
 * ```
 */
export type ClockInput = Pick<Complaint, 'receivedAt' | 'timeline'> & {
  complainant: { priorityGroups?: readonly unknown[] | undefined };
};

/** @internal deadlines already counted, per calendar: bank day of the start × period days → deadline. */
const counted = new WeakMap<HolidayCalendar, Map<number, { at: number; covered: boolean }>>();

/**
 * @internal a deadline and whether the calendar knew every day it looked at. Memoised per calendar
 * (a calendar's answers never change: see {@link HolidayCalendar}): the clock asks for the same few
 * deadlines on every step of a complaint, and an import asks for the same days a million times.
 */
const deadlineOf = (fromMs: number, days: number, calendar: HolidayCalendar): { at: number; covered: boolean } => {
  const day = localDayNumber(fromMs);
  if (!Number.isSafeInteger(day) || !Number.isInteger(days) || days < 0 || days >= 4096) return countDeadline(fromMs, days, calendar);
  let known = counted.get(calendar);
  if (known === undefined) {
    known = new Map();
    counted.set(calendar, known);
  }
  const key = day * 4096 + days;
  let deadline = known.get(key);
  if (deadline === undefined) {
    deadline = countDeadline(fromMs, days, calendar);
    if (known.size > 200_000) known.clear();
    known.set(key, deadline);
  }
  return deadline;
};

/** @internal {@link deadlineOf} without the memo. */
const countDeadline = (fromMs: number, days: number, calendar: HolidayCalendar): { at: number; covered: boolean } => {
  let date = addDays(localDate(fromMs), days);
  let covered = calendar.covers?.(date) ?? true;
  // A period whose last day is a rest day ends on the next working day; bounded by any real calendar.
  for (let i = 0; i < 60 && !calendar.isWorkingDay(date); i++) {
    date = addDays(date, 1);
    covered &&= calendar.covers?.(date) ?? true;
  }
  return { at: endOfLocalDay(date), covered };
};

/**
 * The end of the local day `days` calendar days after `fromMs` (the day of receipt is not counted),
 * moved to the next working day when it falls on a rest day (public holiday or weekend, unless a 调休
 * working day).
 *
 * @example
 * ```ts
 * deadlineAfter(Date.parse('2025-09-19T09:00:00+08:00'), 15); // end of 2025-10-09 (day 15 is in National Day)
 * ```
 */
export function deadlineAfter(fromMs: number, days: number, calendar: HolidayCalendar = CN_CALENDAR): number {
  return deadlineOf(fromMs, days, calendar).at;
}

/**
 * When a period from `startMs` to `dueMs` starts warning (due soon): once `warnFraction` of it has
 * elapsed or `warnWithinDays` before the deadline, whichever comes first. Decision, priority and
 * review clocks all warn by it.
 *
 * @example
 * ```ts
 * warnAtOf(start, due, DEFAULT_CLOCK_POLICY); // 80% of the period, or 2 days before due
 * ```
 */
export function warnAtOf(startMs: number, dueMs: number, policy: Pick<ClockPolicy, 'warnFraction' | 'warnWithinDays'> = DEFAULT_CLOCK_POLICY): number {
  return Math.min(startMs + policy.warnFraction * (dueMs - startMs), dueMs - policy.warnWithinDays * DAY);
}

const stateOf = (now: number, warnAt: number, dueAt: number): ClockState =>
  now > dueAt ? 'overdue' : now >= warnAt ? 'due_soon' : 'on_track';

/**
 * Computes every clock of a complaint from its receipt and timeline, a holiday calendar and "now".
 * Pure: the same inputs always give the same answer, so service, client and widgets agree.
 *
 * Rules (docs/domain/clocks.md; the Measures, art. 17): decision due 15 days after receipt, 30 after a
 * first extension, 60 after a second; a last day on a rest day moves to the next working day; time on
 * hold is added back in whole days; new facts (during handling, or on reopen) restart the period from
 * the day they arrived; met or missed is judged on when the complainant was told ({@link timelinessOf});
 * due soon at 80% of the period or 2 days before, whichever is first ({@link warnAtOf}).
 *
 * @example
 * ```ts
 * const clock = computeClock(complaint, { now: new Date() });
 * console.log(clock.state, clock.dueAt, clock.calendarCovered);
 * ```
 */
export function computeClock(complaint: ClockInput, options: ClockOptions = {}): ComplaintClock {
  const policy = options.policy ?? DEFAULT_CLOCK_POLICY;
  const calendar = options.calendar ?? CN_CALENDAR;
  const now = options.now === undefined ? Date.now() : +options.now;
  const received = Date.parse(complaint.receivedAt);

  let start = received;
  let level: 0 | 1 | 2 = 0;
  let pausedMs = 0;
  let holdStart: number | null = null;
  let respondedAt: number | null = null;
  let toldAt: number | null = null;
  let stoppedAt: number | null = null;
  let firstContactAt: number | null = null;
  let reviewRequestedAt: number | null = null;
  let reviewRespondedAt: number | null = null;
  /** New material restarts the period from the day it arrived (docs/domain/clocks.md, "New facts"). */
  const restart = (at: number, facts: unknown) => {
    const arrived = typeof facts === 'string' ? Date.parse(facts) : Number.NaN;
    start = Number.isNaN(arrived) ? at : arrived;
    level = 0;
    pausedMs = 0;
    // Still on hold: only the hold time after the new material arrived counts.
    if (holdStart !== null) holdStart = Math.max(holdStart, start);
  };

  for (const e of complaint.timeline) {
    const at = Date.parse(e.at);
    if (e.type !== 'register' && firstContactAt === null && e.actor.kind === 'staff') firstContactAt = at;
    switch (e.type) {
      case 'extend':
        level = Math.min(2, level + 1) as 0 | 1 | 2;
        break;
      case 'hold':
        holdStart = at;
        break;
      case 'resume':
        if (holdStart !== null) pausedMs += at - holdStart;
        holdStart = null;
        break;
      case 'respond':
        if (e.fromStatus === 'under_review') reviewRespondedAt = toldAtOf(e);
        else {
          respondedAt = at;
          toldAt = toldAtOf(e);
        }
        break;
      case 'request_review':
        reviewRequestedAt = at;
        reviewRespondedAt = null;
        break;
      case 'new_facts':
        restart(at, e.data.newFactsReceivedAt);
        break;
      case 'reopen':
        restart(at, e.data.newFactsReceivedAt);
        respondedAt = null;
        toldAt = null;
        reviewRequestedAt = null;
        reviewRespondedAt = null;
        break;
      case 'withdraw': {
        // The Measures (docs/domain/lifecycle.md): handling ends on the day the withdrawal is received,
        // which may be before a member of staff records it (WithdrawBody.receivedAt).
        const arrived = typeof e.data.receivedAt === 'string' ? Date.parse(e.data.receivedAt) : Number.NaN;
        stoppedAt = Number.isNaN(arrived) ? at : Math.min(at, arrived);
        break;
      }
      case 'decline':
      case 'merge':
        stoppedAt = at;
        break;
    }
  }

  const paused = holdStart !== null && stoppedAt === null;
  if (holdStart !== null) pausedMs += Math.max(0, (stoppedAt ?? now) - holdStart);
  const pausedDays = Math.ceil(pausedMs / DAY);
  const periodDays = [policy.decisionDays, policy.firstExtensionDays, policy.secondExtensionDays][level] as number;
  const due = deadlineOf(start, periodDays + pausedDays, calendar);
  const dueAt = due.at;
  const warnAt = warnAtOf(start, dueAt, policy);
  const end = respondedAt ?? stoppedAt ?? now;
  let covered = due.covered;

  /** Where a running period stands, or how it ended. */
  const standing = (told: number | null, warn: number, dueMs: number): ClockState =>
    told !== null ? timelinessOf(told, dueMs) : stoppedAt !== null ? 'stopped' : paused ? 'paused' : stateOf(now, warn, dueMs);

  const groups = complaint.complainant.priorityGroups ?? [];
  let priority: ComplaintClock['priority'] = null;
  if (groups.length > 0) {
    // docs/domain/clocks.md, priority groups: an internal target in calendar days that, like the
    // regulatory one, restarts with new facts and moves by the whole days on hold.
    const contactDue = received + policy.priorityFirstContactHours * 3_600_000;
    const decisionDue = endOfLocalDay(addDays(localDate(start), policy.priorityDecisionDays + pausedDays));
    const pWarn = Math.min(start + policy.warnFraction * (decisionDue - start), decisionDue - DAY);
    priority = {
      firstContactDueAt: toShanghaiIso(contactDue),
      firstContactAt: firstContactAt === null ? null : toShanghaiIso(firstContactAt),
      decisionDueAt: toShanghaiIso(decisionDue),
      state: standing(toldAt, pWarn, decisionDue),
    };
  }

  let review: ComplaintClock['review'] = null;
  if (respondedAt !== null) {
    // A review may be asked for within 30 days of *receiving* the decision: from when the complainant
    // was told, never earlier than the decision itself.
    const window = deadlineOf(Math.max(respondedAt, toldAt ?? respondedAt), policy.reviewRequestDays, calendar);
    const reviewDue = reviewRequestedAt === null ? null : deadlineOf(reviewRequestedAt, policy.reviewDecisionDays, calendar);
    covered &&= window.covered && (reviewDue?.covered ?? true);
    const reviewWarn = reviewDue === null || reviewRequestedAt === null ? null : warnAtOf(reviewRequestedAt, reviewDue.at, policy);
    review = {
      requestBy: toShanghaiIso(window.at),
      requestedAt: reviewRequestedAt === null ? null : toShanghaiIso(reviewRequestedAt),
      decisionDueAt: reviewDue === null ? null : toShanghaiIso(reviewDue.at),
      warnAt: reviewWarn === null ? null : toShanghaiIso(reviewWarn),
      state: reviewDue === null || reviewWarn === null ? null : standing(reviewRespondedAt, reviewWarn, reviewDue.at),
    };
  }

  return {
    startedAt: toShanghaiIso(start),
    extensionLevel: level,
    periodDays,
    dueAt: toShanghaiIso(dueAt),
    warnAt: toShanghaiIso(warnAt),
    calendarCovered: covered,
    pausedMs,
    paused,
    elapsedMs: Math.max(0, end - start - pausedMs),
    respondedAt: respondedAt === null ? null : toShanghaiIso(respondedAt),
    notifiedAt: toldAt === null ? null : toShanghaiIso(toldAt),
    stoppedAt: stoppedAt === null ? null : toShanghaiIso(stoppedAt),
    state: standing(toldAt, warnAt, dueAt),
    priority,
    review,
  };
}

/**
 * The deadline snapshot the service stores with a complaint (`complaint.deadlines`), computed from
 * its clock: the decision deadline is `null` while paused or stopped.
 *
 * @example
 * ```ts
 * const d = deadlinesOf(complaint, { now: Date.now() });
 * ```
 */
export function deadlinesOf(complaint: ClockInput & { status: Complaint['status'] }, options: ClockOptions = {}): Deadlines {
  const clock = computeClock(complaint, options);
  const running = clock.state !== 'paused' && clock.state !== 'stopped';
  const reviewing = complaint.status === 'under_review';
  return {
    clockStartedAt: clock.startedAt,
    decisionDueAt: running ? clock.dueAt : null,
    warnAt: running ? clock.warnAt : null,
    extensionLevel: clock.extensionLevel,
    paused: clock.paused,
    reviewDueAt: reviewing ? (clock.review?.decisionDueAt ?? null) : null,
    reviewWarnAt: reviewing ? (clock.review?.warnAt ?? null) : null,
    calendarCovered: clock.calendarCovered,
  };
}

/**
 * The deadline that applies to a complaint right now, for "overdue" and "due soon" lists: the
 * decision deadline while a decision is awaited, the review deadline during a review (warning ahead
 * as the decision does), else `null`.
 *
 * @example
 * ```ts
 * const due = activeDeadline(complaint);
 * if (due && Date.parse(due.dueAt) < Date.now()) console.log('overdue');
 * ```
 */
export function activeDeadline(complaint: Pick<Complaint, 'status' | 'deadlines'>): { dueAt: string; warnAt: string } | null {
  const d = complaint.deadlines;
  if (complaint.status === 'under_review' && d.reviewDueAt) return { dueAt: d.reviewDueAt, warnAt: d.reviewWarnAt ?? d.reviewDueAt };
  if (['registered', 'accepted', 'in_progress', 'escalated'].includes(complaint.status) && d.decisionDueAt && d.warnAt)
    return { dueAt: d.decisionDueAt, warnAt: d.warnAt };
  return null;
}
