/**
 * Which calendar days are working days. Periods are calendar days, but one whose last day is a rest
 * day ends on the next working day (docs/domain/clocks.md), so every deadline asks the calendar.
 * A calendar's answers must never change (the clock memoises the deadlines it counts per calendar
 * object): to change the holidays, make a new calendar.
 *
 * @example
 * ```ts
 * const cal: HolidayCalendar = { isWorkingDay: (d) => d !== '2026-10-01' };
 * ```
 */
export interface HolidayCalendar {
  /** `date` is a local (Asia/Shanghai) date, `YYYY-MM-DD`. */
  isWorkingDay(date: string): boolean;
  /**
   * Whether the calendar knows the public holidays of `date`'s year. A deadline on a date it does not
   * cover is counted with weekends only and reported as not covered (`calendarCovered: false`).
   * Omitted: every year is covered (a hand-made calendar that claims to know them all).
   */
  covers?(date: string): boolean;
  /** The years whose holidays it knows, ascending, when it can list them. */
  readonly years?: readonly number[];
}

/**
 * One year of the State Council's holiday notice (国务院办公厅关于部分节假日安排的通知): the days off that
 * are not weekends' own, the weekend days worked in exchange (调休), and the notice it comes from.
 *
 * @example
 * ```ts
 * const y: HolidayYear = { year: 2026, source: '国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)', holidays: ['2026-01-01'], workdays: ['2026-01-04'] };
 * ```
 */
export interface HolidayYear {
  readonly year: number;
  /** The notice the dates come from (title, number, date of issue). */
  readonly source: string;
  /** Days off (public holidays and the days moved next to them), `YYYY-MM-DD`. */
  readonly holidays: readonly string[];
  /** Saturdays and Sundays worked in exchange (调休), `YYYY-MM-DD`. */
  readonly workdays: readonly string[];
}

/** @internal Saturday or Sunday. */
const isWeekend = (date: string): boolean => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/**
 * A calendar of weekends plus the given public holidays, with make-up working days (调休) that fall
 * on a weekend. Given `years`, it covers those years only (see {@link HolidayCalendar.covers});
 * without, it claims to cover every year. Prefer {@link calendarOfYears} for real notices.
 *
 * @example
 * ```ts
 * const cal = createHolidayCalendar({
 *   holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
 *   workdays: ['2025-09-28', '2025-10-11'],
 * });
 * cal.isWorkingDay('2025-10-11'); // true: a Saturday worked in exchange
 * ```
 */
export function createHolidayCalendar(
  days: { holidays?: readonly string[]; workdays?: readonly string[]; years?: readonly number[] } = {},
): HolidayCalendar {
  const holidays = new Set(days.holidays);
  const workdays = new Set(days.workdays);
  const isWorkingDay = (date: string) => workdays.has(date) || (!holidays.has(date) && !isWeekend(date));
  if (days.years === undefined) return { isWorkingDay };
  const years = [...new Set(days.years)].sort((a, b) => a - b);
  const known = new Set(years);
  return { isWorkingDay, covers: (date) => known.has(Number(date.slice(0, 4))), years };
}

/**
 * The calendar of some years of holiday notices: each year's holidays and 调休 working days, covering
 * exactly those years. A later entry for the same year replaces an earlier one, so a bank's file can
 * correct a shipped year.
 *
 * @example
 * ```ts
 * const cal = calendarOfYears([...CN_HOLIDAY_YEARS, bankFile2027]);
 * cal.covers?.('2027-05-01'); // true
 * ```
 */
export function calendarOfYears(years: readonly HolidayYear[]): HolidayCalendar {
  const byYear = new Map<number, HolidayYear>();
  for (const y of years) byYear.set(y.year, y);
  const all = [...byYear.values()];
  return createHolidayCalendar({
    holidays: all.flatMap((y) => y.holidays),
    workdays: all.flatMap((y) => y.workdays),
    years: [...byYear.keys()],
  });
}

/**
 * Weekends only, no public holidays, covering no year: every deadline it gives is reported as not
 * covered. For tests and for deliberately calendar-free use; the service never falls back to it.
 *
 * @example
 * ```ts
 * WEEKEND_CALENDAR.isWorkingDay('2026-11-28'); // false (a Saturday)
 * ```
 */
export const WEEKEND_CALENDAR: HolidayCalendar = createHolidayCalendar({ years: [] });

/** @internal `YYYY-MM-DD` for each day `from`..`to` of one month. */
const span = (month: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${month}-${String(from + i).padStart(2, '0')}`);

/**
 * China's 2023 public holidays and make-up working days (国务院办公厅关于2023年部分节假日安排的通知,
 * 国办发明电〔2022〕16号, issued 2022-12-08): New Year 1–2 Jan; Spring Festival 21–27 Jan (Sat 28 and
 * Sun 29 Jan worked); Qingming 5 Apr; Labour Day 29 Apr–3 May (Sun 23 Apr and Sat 6 May worked);
 * Dragon Boat 22–24 Jun (Sun 25 Jun worked); Mid-Autumn and National Day 29 Sep–6 Oct (Sat 7 and
 * Sun 8 Oct worked). Shipped so that imported history is counted on its own year's calendar.
 *
 * @example
 * ```ts
 * calendarOfYears([CN_HOLIDAYS_2023]).isWorkingDay('2023-10-08'); // true: a Sunday worked
 * ```
 */
export const CN_HOLIDAYS_2023: HolidayYear = {
  year: 2023,
  source: '国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号，2022-12-08）',
  holidays: [
    ...span('2023-01', 1, 2),
    ...span('2023-01', 21, 27),
    '2023-04-05',
    ...span('2023-04', 29, 30),
    ...span('2023-05', 1, 3),
    ...span('2023-06', 22, 24),
    ...span('2023-09', 29, 30),
    ...span('2023-10', 1, 6),
  ],
  workdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
};

/**
 * China's 2024 public holidays and make-up working days (国务院办公厅关于2024年部分节假日安排的通知,
 * 国办发明电〔2023〕7号, issued 2023-10-25): New Year 1 Jan; Spring Festival 10–17 Feb (Sun 4 and Sun
 * 18 Feb worked); Qingming 4–6 Apr (Sun 7 Apr worked); Labour Day 1–5 May (Sun 28 Apr and Sat 11 May
 * worked); Dragon Boat 10 Jun; Mid-Autumn 15–17 Sep (Sat 14 Sep worked); National Day 1–7 Oct (Sun 29
 * Sep and Sat 12 Oct worked).
 *
 * @example
 * ```ts
 * calendarOfYears([CN_HOLIDAYS_2024]).isWorkingDay('2024-10-12'); // true: a Saturday worked
 * ```
 */
export const CN_HOLIDAYS_2024: HolidayYear = {
  year: 2024,
  source: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023-10-25）',
  holidays: [
    '2024-01-01',
    ...span('2024-02', 10, 17),
    ...span('2024-04', 4, 6),
    ...span('2024-05', 1, 5),
    '2024-06-10',
    ...span('2024-09', 15, 17),
    ...span('2024-10', 1, 7),
  ],
  workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
};

/**
 * China's 2025 public holidays and make-up working days (国务院办公厅关于2025年部分节假日安排的通知,
 * 国办发明电〔2024〕12号, issued 2024-11-12).
 *
 * @example
 * ```ts
 * const cal = calendarOfYears([CN_HOLIDAYS_2025]);
 * ```
 */
export const CN_HOLIDAYS_2025: HolidayYear = {
  year: 2025,
  source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）',
  holidays: [
    '2025-01-01',
    ...span('2025-01', 28, 31),
    ...span('2025-02', 1, 4),
    ...span('2025-04', 4, 6),
    ...span('2025-05', 1, 5),
    '2025-05-31',
    ...span('2025-06', 1, 2),
    ...span('2025-10', 1, 8),
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};

/**
 * China's 2026 public holidays and make-up working days (国务院办公厅关于2026年部分节假日安排的通知,
 * issued 2025-11-04): New Year 1–3 Jan (4 Jan worked), Spring Festival 15–23 Feb (14 and 28 Feb
 * worked), Qingming 4–6 Apr, Labour Day 1–5 May (9 May worked), Dragon Boat 19–21 Jun, Mid-Autumn
 * 25–27 Sep, National Day 1–7 Oct (20 Sep and 10 Oct worked). See docs/domain/clocks.md.
 *
 * @example
 * ```ts
 * calendarOfYears([CN_HOLIDAYS_2026]).isWorkingDay('2026-01-04'); // true: a Sunday worked
 * ```
 */
export const CN_HOLIDAYS_2026: HolidayYear = {
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知（2025-11-04）',
  holidays: [
    ...span('2026-01', 1, 3),
    ...span('2026-02', 15, 23),
    ...span('2026-04', 4, 6),
    ...span('2026-05', 1, 5),
    ...span('2026-06', 19, 21),
    ...span('2026-09', 25, 27),
    ...span('2026-10', 1, 7),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/**
 * The holiday notices this release ships, oldest first. Later years come from a calendar file the
 * bank supplies to the service (`@complaintkit/server`'s `--calendar FILE`).
 *
 * @example
 * ```ts
 * CN_HOLIDAY_YEARS.map((y) => y.year); // [2023, 2024, 2025, 2026]
 * ```
 */
export const CN_HOLIDAY_YEARS: readonly HolidayYear[] = [CN_HOLIDAYS_2023, CN_HOLIDAYS_2024, CN_HOLIDAYS_2025, CN_HOLIDAYS_2026];

/**
 * The default calendar of every clock: mainland China's public holidays and 调休 working days for the
 * years this release ships ({@link CN_HOLIDAY_YEARS}); other years are not covered.
 *
 * @example
 * ```ts
 * CN_CALENDAR.isWorkingDay('2025-10-06'); // false: National Day holiday
 * CN_CALENDAR.covers?.('2027-03-01'); // false: load the 2027 notice from a calendar file
 * ```
 */
export const CN_CALENDAR: HolidayCalendar = calendarOfYears(CN_HOLIDAY_YEARS);
