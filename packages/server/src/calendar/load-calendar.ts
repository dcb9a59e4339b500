import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CN_HOLIDAY_YEARS, calendarOfYears, type HolidayCalendar, type HolidayYear, localDate } from '@complaintkit/core/domain';
import { CalendarFileError, type HolidayCalendarFile, parseHolidayCalendarFile } from './calendar-file.js';

/**
 * The holiday calendar the service counts with: the years core ships (2023 to 2026) plus those of the
 * bank's calendar file, and where each year comes from.
 *
 * @example
 * ```ts
 * const { calendar, years } = loadCalendar({ file: './holidays-2027.json' });
 * years.map((y) => y.year); // [2023, 2024, 2025, 2026, 2027]
 * ```
 */
export interface LoadedCalendar {
  readonly calendar: HolidayCalendar;
  /** Every year known, ascending, with the notice it was copied from. */
  readonly years: readonly HolidayYear[];
  /** The calendar file read, absolute; `undefined` when none was given. */
  readonly file: string | undefined;
}

/**
 * Builds the service's holiday calendar (docs/domain/clocks.md, "The holiday calendar"): the shipped
 * notices plus the years of `file` (a JSON calendar file, see {@link HolidayCalendarFile}; a year in the file
 * replaces the shipped one). A file that cannot be read or is not valid stops the start with a
 * {@link CalendarFileError} naming the file, the line and the field.
 *
 * @example
 * ```ts
 * const { calendar } = loadCalendar({ file: process.env.CK_CALENDAR_FILE });
 * await startServer({ port: 0, dataDir, clock: { calendar } });
 * ```
 */
export function loadCalendar(options: { readonly file?: string | undefined } = {}): LoadedCalendar {
  const file = options.file === undefined || options.file === '' ? undefined : resolve(options.file);
  let extra: HolidayYear[] = [];
  if (file !== undefined) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new CalendarFileError(`calendar file ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): pass --calendar with an existing JSON file`, null, null);
    }
    try {
      extra = parseHolidayCalendarFile(text);
    } catch (e) {
      if (!(e instanceof CalendarFileError)) throw e;
      throw new CalendarFileError(`calendar file ${file}: ${e.message}`, e.field, e.line);
    }
  }
  const byYear = new Map<number, HolidayYear>();
  for (const y of [...CN_HOLIDAY_YEARS, ...extra]) byYear.set(y.year, y);
  const years = [...byYear.values()].sort((a, b) => a.year - b.year);
  return { calendar: calendarOfYears(years), years, file };
}

/**
 * Whether a calendar covers the years the service's deadlines fall in now: the current year (Asia/
 * Shanghai) must be covered (`ok`), and the next one should be once a period started today can end in
 * it (the longest, 60 days plus holds, reaches into it from about November). `detail` says which years
 * are known and what to load.
 *
 * @example
 * ```ts
 * calendarCoverage(calendar, Date.parse('2026-11-30T00:00:00Z'));
 * // { ok: true, years: [2023, 2024, 2025, 2026], missing: [2027], detail: 'holidays known for 2023, 2024, 2025, 2026; …' }
 * ```
 */
export function calendarCoverage(
  calendar: HolidayCalendar,
  now: number,
  horizonDays = 90,
): { ok: boolean; years: readonly number[]; missing: readonly number[]; detail: string } {
  const today = localDate(now);
  const horizon = localDate(now + horizonDays * 86_400_000);
  const years = calendar.years ?? [];
  const needed = [...new Set([Number(today.slice(0, 4)), Number(horizon.slice(0, 4))])];
  const covers = (year: number) => calendar.covers?.(`${year}-06-01`) ?? true;
  const missing = needed.filter((y) => !covers(y));
  const ok = covers(Number(today.slice(0, 4)));
  const known = years.length === 0 ? 'no year' : years.join(', ');
  const detail =
    missing.length === 0
      ? `holidays known for ${known}`
      : `holidays known for ${known}; deadlines in ${missing.join(', ')} are counted with weekends only: load ${missing.length === 1 ? 'that year' : 'those years'} from the State Council notice with --calendar FILE (CK_CALENDAR_FILE)`;
  return { ok, years, missing, detail };
}
