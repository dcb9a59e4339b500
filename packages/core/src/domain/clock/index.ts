export {
  CN_CALENDAR,
  CN_HOLIDAY_YEARS,
  CN_HOLIDAYS_2023,
  CN_HOLIDAYS_2024,
  CN_HOLIDAYS_2025,
  CN_HOLIDAYS_2026,
  calendarOfYears,
  createHolidayCalendar,
  type HolidayCalendar,
  type HolidayYear,
  WEEKEND_CALENDAR,
} from './calendar.js';
export {
  activeDeadline,
  type ClockInput,
  type ClockOptions,
  type ClockState,
  type ComplaintClock,
  computeClock,
  deadlineAfter,
  deadlinesOf,
  warnAtOf,
} from './compute.js';
export { type ClockPolicy, DEFAULT_CLOCK_POLICY } from './policy.js';
export { localDate } from './time.js';
export { timelinessOf, toldAtOf } from './timeliness.js';
