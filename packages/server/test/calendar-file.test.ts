/**
 * The holiday calendar file a bank loads for years after the release (docs/domain/clocks.md): a valid
 * file extends the calendar, a bad one is refused naming the line and field, with what to fix.
 */
import { describe, expect, it } from 'vitest';
import { CN_HOLIDAY_YEARS, calendarOfYears, computeClock } from '@complaintkit/core/domain';
import { CalendarFileError, parseHolidayCalendarFile } from '../src/calendar/calendar-file.js';

/** A made-up 2027 for the test (not the real notice): New Year 01-01..03 off, Sat 01-09 worked. */
const FILE_2027 = `{
  "years": [
    {
      "year": 2027,
      "source": "test fixture shaped like 国务院办公厅关于2027年部分节假日安排的通知",
      "holidays": ["2027-01-01", "2027-01-02", "2027-01-03", "2027-01-04"],
      "workdays": ["2027-01-09"]
    }
  ]
}
`;

const refusal = (text: string): CalendarFileError => {
  try {
    parseHolidayCalendarFile(text);
  } catch (e) {
    if (e instanceof CalendarFileError) return e;
    throw e;
  }
  throw new Error('the file was accepted');
};

describe('a valid calendar file', () => {
  it('adds its years to the shipped ones, and deadlines in them are counted and covered', () => {
    const years = parseHolidayCalendarFile(FILE_2027);
    expect(years.map((y) => y.year)).toEqual([2027]);
    const calendar = calendarOfYears([...CN_HOLIDAY_YEARS, ...years]);
    expect(calendar.years).toEqual([2023, 2024, 2025, 2026, 2027]);
    // Received 2026-12-20: day 15 is Mon 2027-01-04, a holiday in the file → Tue 01-05.
    const c = { receivedAt: '2026-12-20T10:00:00+08:00', complainant: {}, timeline: [] };
    const clock = computeClock(c, { now: 0, calendar });
    expect(clock.dueAt).toBe('2027-01-05T23:59:59.999+08:00');
    expect(clock.calendarCovered).toBe(true);
    // Received 2026-12-25: day 15 is Sat 2027-01-09, worked in the file.
    expect(computeClock({ ...c, receivedAt: '2026-12-25T10:00:00+08:00' }, { now: 0, calendar }).dueAt).toBe('2027-01-09T23:59:59.999+08:00');
  });
});

describe('a bad calendar file is refused with the line and field', () => {
  it('not JSON: the line of the syntax error', () => {
    const e = refusal(FILE_2027.replace('"2027-01-09"]', '"2027-01-09",]'));
    expect(e.field).toBeNull();
    expect(e.line).toBe(7);
    expect(e.message).toMatch(/^not valid JSON \(line 7\)/);
  });

  it('a date that does not exist', () => {
    const e = refusal(FILE_2027.replace('"2027-01-04"', '"2027-02-30"'));
    expect(e.field).toBe('years[0].holidays[3]');
    expect(e.line).toBe(6);
    expect(e.message).toMatch(/^line 6, years\[0\]\.holidays\[3\]: /);
  });

  it('a working day that is a weekday (only weekends are worked in exchange)', () => {
    const e = refusal(FILE_2027.replace('"2027-01-09"', '"2027-01-08"'));
    expect(e.field).toBe('years[0].workdays[0]');
    expect(e.line).toBe(7);
    expect(e.message).toContain('2027-01-08 is a weekday');
  });

  it('a date outside its year', () => {
    const e = refusal(FILE_2027.replace('"2027-01-04"', '"2028-01-04"'));
    expect(e.field).toBe('years[0].holidays[3]');
    expect(e.message).toContain('2028-01-04 is not in 2027');
  });

  it('no source notice cited', () => {
    const e = refusal(FILE_2027.replace(/"source": "[^"]*"/, '"source": ""'));
    expect(e.field).toBe('years[0].source');
    expect(e.line).toBe(5);
    expect(e.message).toContain('cite the State Council notice');
  });

  it('a day both off and worked, a year listed twice, a missing field, an empty file', () => {
    expect(refusal(FILE_2027.replace('"2027-01-09"', '"2027-01-02"')).message).toContain('both as a holiday and as a working day');
    const twice = JSON.parse(FILE_2027);
    twice.years.push(twice.years[0]);
    expect(refusal(JSON.stringify(twice, null, 2)).field).toBe('years[1].year');
    const missing = JSON.parse(FILE_2027);
    delete missing.years[0].workdays;
    expect(refusal(JSON.stringify(missing)).field).toBe('years[0].workdays');
    expect(refusal('{"years": []}').field).toBe('years');
  });
});
