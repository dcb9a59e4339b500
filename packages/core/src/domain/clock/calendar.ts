/**
 * Which calendar days are working days. Periods are calendar days, but one whose last day is a public
 * holiday ends on the next working day (docs/domain/clocks.md), so every deadline asks the calendar.
 *
 * @example
 * ```ts
 * const cal: HolidayCalendar = { isWorkingDay: (d) => d !== '2026-10-01' };
 * ```
 */
export interface HolidayCalendar {
  /** `date` is a local (Asia/Shanghai) date, `YYYY-MM-DD`. */
  isWorkingDay(date: string): boolean;
}

/**
 * A calendar of weekends plus the given public holidays, with make-up working days (调休) that fall
 * on a weekend. Feed it the State Council's annual holiday notice.
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
export function createHolidayCalendar(days: { holidays?: readonly string[]; workdays?: readonly string[] } = {}): HolidayCalendar {
  const holidays = new Set(days.holidays);
  const workdays = new Set(days.workdays);
  return {
    isWorkingDay(date) {
      if (workdays.has(date)) return true;
      if (holidays.has(date)) return false;
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      return weekday !== 0 && weekday !== 6;
    },
  };
}

/**
 * The default calendar: Saturdays and Sundays are rest days, no public holidays. Inject a real one
 * with {@link createHolidayCalendar}.
 *
 * @example
 * ```ts
 * WEEKEND_CALENDAR.isWorkingDay('2026-11-28'); // false (a Saturday)
 * ```
 */
export const WEEKEND_CALENDAR: HolidayCalendar = createHolidayCalendar();

/**
 * China's 2025 public holidays and make-up working days (国务院办公厅关于2025年部分节假日安排的通知,
 * 国办发明电〔2024〕12号), ready for {@link createHolidayCalendar}.
 *
 * @example
 * ```ts
 * const cal = createHolidayCalendar(CN_HOLIDAYS_2025);
 * ```
 */
export const CN_HOLIDAYS_2025 = {
  holidays: [
    '2025-01-01',
    ...['01-28', '01-29', '01-30', '01-31', '02-01', '02-02', '02-03', '02-04'].map((d) => `2025-${d}`),
    '2025-04-04', '2025-04-05', '2025-04-06',
    '2025-05-01', '2025-05-02', '2025-05-03', '2025-05-04', '2025-05-05',
    '2025-05-31', '2025-06-01', '2025-06-02',
    ...['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => `2025-10-${d}`),
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
} as const;
