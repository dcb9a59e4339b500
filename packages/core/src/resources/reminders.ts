import type { Complaint } from '../domain/schemas/complaint.js';

/**
 * Options of `client.reminders()`.
 *
 * @example
 * ```ts
 * const o: RemindersOptions = { intervalMs: 120_000, limit: 50 };
 * ```
 */
export interface RemindersOptions {
  /** Reload at least this often (the fallback when the stream is down; due-soon becomes overdue with time). Default 60000 ms. */
  intervalMs?: number | undefined;
  /** Most complaints per list. Default 200. */
  limit?: number | undefined;
  /** Changes on the stream are batched over this window before a reload. Default 1000 ms. */
  debounceMs?: number | undefined;
}

/**
 * What needs the caller's attention: complaints assigned to them that are past their warning time
 * (`dueSoon`) or past their decision deadline (`overdue`).
 *
 * @example
 * ```ts
 * const r: Reminders = { dueSoon: [], overdue: [], at: new Date().toISOString() };
 * ```
 */
export interface Reminders {
  dueSoon: Complaint[];
  overdue: Complaint[];
  /** When these lists were read. */
  at: string;
}
