import type { Complaint, Deadlines } from '../schemas/complaint.js';
import { type HolidayCalendar, WEEKEND_CALENDAR } from './calendar.js';
import { type ClockPolicy, DEFAULT_CLOCK_POLICY } from './policy.js';
import { DAY, addDays, endOfLocalDay, localDate, toShanghaiIso } from './time.js';

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
  /** Receipt, or the receipt of new facts after a reopen. */
  readonly startedAt: string;
  readonly extensionLevel: 0 | 1 | 2;
  /** 15, 30 or 60. */
  readonly periodDays: number;
  /** Regulatory decision deadline: end of day in Asia/Shanghai, holiday-adjusted, hold time added back. */
  readonly dueAt: string;
  readonly warnAt: string;
  /** Time on hold, so far. */
  readonly pausedMs: number;
  readonly paused: boolean;
  /** Active handling time (hold time excluded), up to the decision, the stop, or now. */
  readonly elapsedMs: number;
  readonly respondedAt: string | null;
  /** When handling ended without a decision (withdrawal received, decline, merge); `null` otherwise. */
  readonly stoppedAt: string | null;
  readonly state: ClockState;
  /** The internal fast-track target for priority groups; `null` for everyone else. */
  readonly priority: null | {
    readonly firstContactDueAt: string;
    readonly firstContactAt: string | null;
    readonly decisionDueAt: string;
    readonly state: ClockState;
  };
  /** The review (核查): the last day to ask for one, and once asked, its decision deadline. */
  readonly review: null | {
    readonly requestBy: string;
    readonly requestedAt: string | null;
    readonly decisionDueAt: string | null;
    readonly state: ClockState | null;
  };
}

/**
 * Options of {@link computeClock}: an injectable now, holiday calendar and policy.
 *
 * @example
 * ```ts
 * const opts: ClockOptions = { now: Date.parse('2026-03-10T00:00:00+08:00'), calendar: createHolidayCalendar(CN_HOLIDAYS_2025) };
 * ```
 */
export interface ClockOptions {
  readonly now?: number | Date;
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

/**
 * The end of the local day `days` calendar days after `fromMs` (the day of receipt is not counted),
 * moved to the next working day when it falls on a rest day.
 *
 * @example
 * ```ts
 * deadlineAfter(Date.parse('2026-03-01T09:00:00+08:00'), 15); // end of 2026-03-16 (a Monday)
 * ```
 */
export function deadlineAfter(fromMs: number, days: number, calendar: HolidayCalendar = WEEKEND_CALENDAR): number {
  let date = addDays(localDate(fromMs), days);
  // A period whose last day is a rest day ends on the next working day; bounded by any real calendar.
  for (let i = 0; i < 60 && !calendar.isWorkingDay(date); i++) date = addDays(date, 1);
  return endOfLocalDay(date);
}

const stateOf = (now: number, warnAt: number, dueAt: number): ClockState =>
  now > dueAt ? 'overdue' : now >= warnAt ? 'due_soon' : 'on_track';

/**
 * Computes every clock of a complaint from its receipt and timeline, a holiday calendar and "now".
 * Pure: the same inputs always give the same answer, so service, client and widgets agree.
 *
 * Rules (docs/domain/clocks.md; the Measures, art. 17): decision due 15 days after receipt, 30 after a
 * first extension, 60 after a second; time on hold is added back in whole days; new facts (reopen)
 * restart the clock; due soon at 80% of the period or 2 days before, whichever is first.
 *
 * @example
 * ```ts
 * const clock = computeClock(complaint, { now: new Date() });
 * console.log(clock.state, clock.dueAt);
 * ```
 */
export function computeClock(complaint: ClockInput, options: ClockOptions = {}): ComplaintClock {
  const policy = options.policy ?? DEFAULT_CLOCK_POLICY;
  const calendar = options.calendar ?? WEEKEND_CALENDAR;
  const now = options.now === undefined ? Date.now() : +options.now;
  const received = Date.parse(complaint.receivedAt);

  let start = received;
  let level: 0 | 1 | 2 = 0;
  let pausedMs = 0;
  let holdStart: number | null = null;
  let respondedAt: number | null = null;
  let decisionReceivedAt: number | null = null;
  let stoppedAt: number | null = null;
  let firstContactAt: number | null = null;
  let reviewRequestedAt: number | null = null;
  let reviewRespondedAt: number | null = null;

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
        if (e.fromStatus === 'under_review') reviewRespondedAt = at;
        else {
          respondedAt = at;
          // docs/domain/clocks.md: a review may be requested within 30 days of *receiving* the decision,
          // so count from when the complainant was told (RespondBody.notifiedAt), never earlier than
          // the decision itself. Counting from the recording refused timely requests.
          const told = typeof e.data.notifiedAt === 'string' ? Date.parse(e.data.notifiedAt) : Number.NaN;
          decisionReceivedAt = Number.isNaN(told) ? at : Math.max(at, told);
        }
        break;
      case 'request_review':
        reviewRequestedAt = at;
        reviewRespondedAt = null;
        break;
      case 'reopen': {
        const facts = typeof e.data.newFactsReceivedAt === 'string' ? Date.parse(e.data.newFactsReceivedAt) : at;
        start = facts;
        level = 0;
        pausedMs = 0;
        respondedAt = null;
        decisionReceivedAt = null;
        reviewRequestedAt = null;
        reviewRespondedAt = null;
        break;
      }
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
  const periodDays = [policy.decisionDays, policy.firstExtensionDays, policy.secondExtensionDays][level] as number;
  const dueAt = deadlineAfter(start, periodDays + Math.ceil(pausedMs / DAY), calendar);
  const warnAt = Math.min(start + policy.warnFraction * (dueAt - start), dueAt - policy.warnWithinDays * DAY);
  const end = respondedAt ?? stoppedAt ?? now;

  const state: ClockState =
    respondedAt !== null
      ? respondedAt <= dueAt
        ? 'met'
        : 'missed'
      : stoppedAt !== null
        ? 'stopped'
        : paused
          ? 'paused'
          : stateOf(now, warnAt, dueAt);

  const groups = complaint.complainant.priorityGroups ?? [];
  let priority: ComplaintClock['priority'] = null;
  if (groups.length > 0) {
    const contactDue = received + policy.priorityFirstContactHours * 3_600_000;
    const decisionDue = endOfLocalDay(addDays(localDate(received), policy.priorityDecisionDays));
    const pWarn = Math.min(received + policy.warnFraction * (decisionDue - received), decisionDue - DAY);
    priority = {
      firstContactDueAt: toShanghaiIso(contactDue),
      firstContactAt: firstContactAt === null ? null : toShanghaiIso(firstContactAt),
      decisionDueAt: toShanghaiIso(decisionDue),
      state:
        respondedAt !== null
          ? respondedAt <= decisionDue
            ? 'met'
            : 'missed'
          : stoppedAt !== null
            ? 'stopped'
            : stateOf(now, pWarn, decisionDue),
    };
  }

  let review: ComplaintClock['review'] = null;
  if (respondedAt !== null) {
    const requestBy = deadlineAfter(decisionReceivedAt ?? respondedAt, policy.reviewRequestDays, calendar);
    const reviewDue =
      reviewRequestedAt === null ? null : deadlineAfter(reviewRequestedAt, policy.reviewDecisionDays, calendar);
    review = {
      requestBy: toShanghaiIso(requestBy),
      requestedAt: reviewRequestedAt === null ? null : toShanghaiIso(reviewRequestedAt),
      decisionDueAt: reviewDue === null ? null : toShanghaiIso(reviewDue),
      state:
        reviewDue === null
          ? null
          : reviewRespondedAt !== null
            ? reviewRespondedAt <= reviewDue
              ? 'met'
              : 'missed'
            : stoppedAt !== null
              ? 'stopped'
              : stateOf(now, reviewDue - policy.warnWithinDays * DAY, reviewDue),
    };
  }

  return {
    startedAt: toShanghaiIso(start),
    extensionLevel: level,
    periodDays,
    dueAt: toShanghaiIso(dueAt),
    warnAt: toShanghaiIso(warnAt),
    pausedMs,
    paused,
    elapsedMs: Math.max(0, end - start - pausedMs),
    respondedAt: respondedAt === null ? null : toShanghaiIso(respondedAt),
    stoppedAt: stoppedAt === null ? null : toShanghaiIso(stoppedAt),
    state,
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
  return {
    clockStartedAt: clock.startedAt,
    decisionDueAt: running ? clock.dueAt : null,
    warnAt: running ? clock.warnAt : null,
    extensionLevel: clock.extensionLevel,
    paused: clock.paused,
    reviewDueAt: complaint.status === 'under_review' ? (clock.review?.decisionDueAt ?? null) : null,
  };
}

/**
 * The deadline that applies to a complaint right now, for "overdue" and "due soon" lists: the
 * decision deadline while a decision is awaited, the review deadline during a review, else `null`.
 *
 * @example
 * ```ts
 * const due = activeDeadline(complaint);
 * if (due && Date.parse(due.dueAt) < Date.now()) console.log('overdue');
 * ```
 */
export function activeDeadline(complaint: Pick<Complaint, 'status' | 'deadlines'>): { dueAt: string; warnAt: string } | null {
  const d = complaint.deadlines;
  if (complaint.status === 'under_review' && d.reviewDueAt) return { dueAt: d.reviewDueAt, warnAt: d.reviewDueAt };
  if (['registered', 'accepted', 'in_progress', 'escalated'].includes(complaint.status) && d.decisionDueAt && d.warnAt)
    return { dueAt: d.decisionDueAt, warnAt: d.warnAt };
  return null;
}
