import * as z from 'zod/mini';
import { BusinessCategory, BusinessChannel, ComplaintCause, IntakeChannel, Severity } from './codes.js';
import { RegionCode } from './primitives.js';

/** @internal an optional field that a CSV cell leaves empty. */
const opt = <T extends z.core.SomeType>(t: T) => z.optional(t);

/** @internal a date and time without offset as old systems and spreadsheets write them: `2024-03-01 09:00`, `2024/3/1 9:00:05`. */
const BANK_LOCAL = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,3})?)?$/;
const pad = (n: string) => n.padStart(2, '0');

/**
 * @internal A time without offset is bank time (Asia/Shanghai, UTC+8 all year: docs/domain/clocks.md),
 * written as ISO 8601 with `+08:00`; anything else is left for the ISO check to judge.
 */
const asBankTime = (v: string): string => {
  const m = BANK_LOCAL.exec(v);
  if (!m) return v;
  const [, y, mo, d, h, mi, s, frac] = m as unknown as [string, string, string, string, string, string, string | undefined, string | undefined];
  return `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${mi}:${s ?? '00'}${frac ?? ''}+08:00`;
};

/** @internal the date and time of an ISO 8601 text (the bank forms are ISO by now). */
const ISO_PARTS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

/**
 * @internal why a history time is refused: a date or time of day that does not exist is named as
 * such ("no such date: 2025-02-29; that month has 28 days"); anything else gets the format.
 */
const timeMessage = (input: unknown): string => {
  const m = typeof input === 'string' ? ISO_PARTS.exec(input) : null;
  if (m) {
    const [y, mo, d, h, mi, s] = m.slice(1).map((n) => (n === undefined ? 0 : Number(n))) as [number, number, number, number, number, number];
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    if (mo < 1 || mo > 12) return `no such date: ${date}; months are 01 to 12`;
    const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    if (d < 1 || d > days) return `no such date: ${date}; that month has ${days} days`;
    if (h > 23 || mi > 59 || s > 59) return `no such time of day: ${m[4]}:${m[5]}${m[6] === undefined ? '' : `:${m[6]}`} (hours are 00 to 23, minutes and seconds 00 to 59)`;
  }
  return 'a time: ISO 8601 with offset (2024-03-01T09:00:00+08:00), or bank time (2024-03-01 09:00)';
};

/**
 * @internal A time in a history file: ISO 8601 with an offset, or a bank-time date and time without
 * one (`2024-03-01 09:00[:ss]`, `/` separators and one-digit months, days and hours too), stored as
 * ISO with `+08:00`. A date that does not exist (`2025-02-29`) is refused saying there is no such
 * date; a date alone, or another form, is refused naming the forms taken.
 */
const HistoryTime = z.pipe(
  z.string().check(z.trim(), z.overwrite(asBankTime)),
  z.iso.datetime({ offset: true, error: (issue) => timeMessage(issue.input) }),
);

/**
 * One historical complaint as a bank's old system exports it: one CSV row (a header row names the
 * columns, in any order) or one NDJSON line, with these fields. Times are ISO 8601 with an offset, or
 * a date and time without one (`2024-03-01 09:00`, `2024/3/1 9:00:05`, as spreadsheets write them),
 * read as bank time (UTC+8); a date that does not exist is refused. Empty cells are absent values. The importer replays the complaint through the lifecycle with these
 * times (register → accept → start → extend/hold/resume → respond → follow-up → review → close), so
 * its timeline, clock and metrics are those of the same complaint entered live.
 *
 * | column | meaning |
 * |---|---|
 * | `sourceId` | the old system's complaint id: the import is idempotent on it |
 * | `receivedAt` | the bank's receipt |
 * | `orgId` | the organisation that handled (and decided) it |
 * | `intakeChannel`, `businessChannel`, `businessCategory`, `cause`, `severity` | the codes (JR/T 0169-2018 A, B, C) |
 * | `regionCode` | GB/T 2260 code; empty for a functional centre (not regional) |
 * | `customerId` | the bank's customer id (repeat detection) |
 * | `description` | what it was about (personal numbers are redacted from search) |
 * | `regulatorReference` | for a regulator transfer |
 * | `extendedAt`, `extendedAgainAt` | first and second extension |
 * | `holdFrom`, `holdTo` | one external-appraisal hold |
 * | `decidedAt`, `outcome` | when the complainant was told the decision, and upheld / partly_upheld / not_upheld |
 * | `followUpAt`, `reached`, `satisfaction`, `decisionAccepted` | the follow-up (回访) |
 * | `reviewRequestedAt`, `reviewDecidedAt` | a review (核查) |
 * | `closedAt` | closing |
 * | `withdrawnAt`, `declinedAt` | handling ended without a decision |
 *
 * @example
 * ```ts
 * HistoryRecord.parse({ sourceId: 'OLD-1', receivedAt: '2024-03-01T09:00:00+08:00', orgId: 'SB-440301', intakeChannel: 'hotline',
 *   businessChannel: 'A0101', businessCategory: 'B0302', cause: 'C11', decidedAt: '2024-03-10T10:00:00+08:00', outcome: 'upheld' });
 * ```
 */
export const HistoryRecord = z.object({
  sourceId: z.string().check(z.minLength(1), z.maxLength(128)),
  receivedAt: HistoryTime,
  orgId: z.string().check(z.minLength(1), z.maxLength(64)),
  intakeChannel: IntakeChannel,
  businessChannel: BusinessChannel,
  businessCategory: BusinessCategory,
  cause: ComplaintCause,
  severity: opt(Severity),
  regionCode: opt(RegionCode),
  customerId: opt(z.string().check(z.minLength(1), z.maxLength(64))),
  description: opt(z.string().check(z.maxLength(5000))),
  regulatorReference: opt(z.string().check(z.maxLength(64))),
  extendedAt: opt(HistoryTime),
  extendedAgainAt: opt(HistoryTime),
  holdFrom: opt(HistoryTime),
  holdTo: opt(HistoryTime),
  decidedAt: opt(HistoryTime),
  outcome: opt(z.enum(['upheld', 'partly_upheld', 'not_upheld'])),
  followUpAt: opt(HistoryTime),
  reached: opt(z.boolean()),
  satisfaction: opt(z.number().check(z.int(), z.minimum(1), z.maximum(5))),
  decisionAccepted: opt(z.boolean()),
  reviewRequestedAt: opt(HistoryTime),
  reviewDecidedAt: opt(HistoryTime),
  closedAt: opt(HistoryTime),
  withdrawnAt: opt(HistoryTime),
  declinedAt: opt(HistoryTime),
});
/** One historical complaint. @example `const r: HistoryRecord = HistoryRecord.parse(row);` */
export type HistoryRecord = z.infer<typeof HistoryRecord>;

/**
 * The columns of {@link HistoryRecord}, in the order an export template lists them.
 *
 * @example
 * ```ts
 * HISTORY_COLUMNS.join(','); // the CSV header
 * ```
 */
export const HISTORY_COLUMNS = Object.keys(HistoryRecord.shape) as (keyof HistoryRecord)[];
