export { CN_HOLIDAYS_2025, createHolidayCalendar, type HolidayCalendar, WEEKEND_CALENDAR } from './calendar.js';
export {
  activeDeadline,
  type ClockInput,
  type ClockOptions,
  type ClockState,
  type ComplaintClock,
  computeClock,
  deadlineAfter,
  deadlinesOf,
} from './compute.js';
export { type ClockPolicy, DEFAULT_CLOCK_POLICY } from './policy.js';
export { localDate } from './time.js';
