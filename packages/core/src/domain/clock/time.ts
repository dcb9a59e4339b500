/** Milliseconds in a day. @internal */
export const DAY = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving). @internal */
const OFFSET = 8 * 3_600_000;

/**
 * The Asia/Shanghai calendar date of an instant, `YYYY-MM-DD`: the bank day periods are counted in
 * (docs/domain/clocks.md), and the `receivedDay` of a complaint.
 *
 * @example
 * ```ts
 * localDate(Date.parse('2026-03-01T20:00:00Z')); // '2026-03-02'
 * ```
 */
export const localDate = (ms: number): string => dayText(localDayNumber(ms));

/** The Asia/Shanghai bank day of an instant as a number (days since 1970-01-01). @internal */
export const localDayNumber = (ms: number): number => Math.floor((ms + OFFSET) / DAY);

/** @internal instants the fast paths below format exactly as `Date#toISOString` does (years 1000–9999). */
const FIRST = Date.UTC(1000, 0, 1);
const LAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** @internal `YYYY-MM-DD` of day number `d` (days since 1970-01-01), kept once computed: a service sees a few thousand days. */
const dayTexts = new Map<number, string>();
const dayText = (d: number): string => {
  let text = dayTexts.get(d);
  if (text === undefined) {
    // Outside the years a cache is for (or NaN): Date's own answer (and its RangeError).
    text = new Date(d * DAY).toISOString().slice(0, 10);
    if (d * DAY < FIRST || d * DAY > LAST) return text;
    if (dayTexts.size > 100_000) dayTexts.clear();
    dayTexts.set(d, text);
  }
  return text;
};

/** @internal two and three digits. */
const two = (n: number): string => (n < 10 ? `0${n}` : `${n}`);
const three = (n: number): string => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/** `date` plus `days` calendar days. @internal */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The last millisecond of a local date, as an instant. @internal */
export const endOfLocalDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) - OFFSET + DAY - 1;

/** An instant as ISO 8601 in Asia/Shanghai time (`…+08:00`), as the service writes them. @internal */
export const toShanghaiIso = (ms: number): string => {
  const local = ms + OFFSET;
  // The clock formats several instants per step: the day's text is kept and the time of day is
  // composed, exactly as `toISOString` writes it (outside years 1000–9999, for fractions and NaN, Date itself).
  if (!(local >= FIRST && local <= LAST && Number.isInteger(local))) return new Date(local).toISOString().replace('Z', '+08:00');
  const d = Math.floor(local / DAY);
  let t = local - d * DAY;
  const milli = t % 1000;
  t = (t - milli) / 1000;
  const sec = t % 60;
  t = (t - sec) / 60;
  return `${dayText(d)}T${two((t - (t % 60)) / 60)}:${two(t % 60)}:${two(sec)}.${three(milli)}+08:00`;
};
