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
export const localDate = (ms: number): string => new Date(ms + OFFSET).toISOString().slice(0, 10);

/** `date` plus `days` calendar days. @internal */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** The last millisecond of a local date, as an instant. @internal */
export const endOfLocalDay = (date: string): number => Date.parse(`${date}T00:00:00Z`) - OFFSET + DAY - 1;

/** An instant as ISO 8601 in Asia/Shanghai time (`…+08:00`), as the service writes them. @internal */
export const toShanghaiIso = (ms: number): string => new Date(ms + OFFSET).toISOString().replace('Z', '+08:00');
