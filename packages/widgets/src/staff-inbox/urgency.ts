import type { Complaint } from '@complaintkit/core';

/**
 * The actions the staff inbox offers (the mobile office module's set, plus `start` so a handler can
 * take an accepted complaint on and respond from the phone), in the order shown.
 *
 * @example
 * ```ts
 * INBOX_ACTIONS.includes('transfer'); // true
 * ```
 */
export const INBOX_ACTIONS = ['accept', 'start', 'transfer', 'respond', 'escalate', 'extend'] as const;
/** One of {@link INBOX_ACTIONS}. @example `const a: InboxAction = 'extend';` */
export type InboxAction = (typeof INBOX_ACTIONS)[number];

/**
 * How pressing a complaint is now: `overdue` (past its decision deadline), `due_soon` (past its
 * warning time), `on_track`, or `paused` (on hold), with the time left in whole days and hours
 * (time over, for overdue ones).
 *
 * @example
 * ```ts
 * const u: Urgency = { state: 'due_soon', days: 1, hours: 30, dueAt: Date.parse('2026-03-16T15:59:59Z') };
 * ```
 */
export interface Urgency {
  state: 'overdue' | 'due_soon' | 'on_track' | 'paused';
  days: number;
  hours: number;
  dueAt: number;
}

const H = 3_600_000;

/**
 * The urgency of a complaint at `now`, from the deadlines the service computed (decision due,
 * warning time; a review's deadline while under review).
 *
 * @example
 * ```ts
 * urgencyOf(complaint, Date.now()).state; // 'due_soon'
 * ```
 */
export function urgencyOf(c: Pick<Complaint, 'deadlines'>, now: number): Urgency {
  const d = c.deadlines;
  const due = d.reviewDueAt ?? d.decisionDueAt;
  if (d.paused || !due) return { state: 'paused', days: 0, hours: 0, dueAt: Number.POSITIVE_INFINITY };
  const dueAt = Date.parse(due);
  const left = dueAt - now;
  const hours = Math.floor(Math.abs(left) / H);
  const days = Math.floor(hours / 24);
  if (left < 0) return { state: 'overdue', days: Math.ceil(-left / (24 * H)), hours, dueAt };
  // Under review the review warns ahead by its own time (core's activeDeadline), not the decision's.
  const warnAt = d.reviewDueAt ? d.reviewWarnAt : d.warnAt;
  const warn = warnAt ? Date.parse(warnAt) : Number.POSITIVE_INFINITY;
  return { state: now >= warn ? 'due_soon' : 'on_track', days, hours, dueAt };
}

/**
 * Sorts most urgent first: overdue (longest over first), then by deadline; paused ones last.
 *
 * @example
 * ```ts
 * items.sort(byUrgency(Date.now()));
 * ```
 */
export const byUrgency =
  (now: number) =>
  (a: Pick<Complaint, 'deadlines'>, b: Pick<Complaint, 'deadlines'>): number =>
    urgencyOf(a, now).dueAt - urgencyOf(b, now).dueAt;
