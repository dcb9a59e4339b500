import * as z from 'zod/mini';
import type { HolidayYear } from '@complaintkit/core/domain';

/** @internal Saturday or Sunday. */
const weekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * One year of a holiday calendar file: the year, the State Council notice it copies (cited), its days
 * off and its 调休 working weekend days. A date may lie in the year or in the December before it (a
 * notice may move a working day there); a working day must be a Saturday or Sunday (weekdays work
 * anyway) and no day may be both.
 *
 * @example
 * ```ts
 * HolidayYearEntry.parse({ year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知', holidays: ['2027-01-01'], workdays: [] });
 * ```
 */
export const HolidayYearEntry = z
  .object({
    year: z.int().check(z.gte(2000), z.lte(2100)),
    /** The notice the dates come from: title, number and date of issue. */
    source: z.string().check(z.trim(), z.minLength(8, 'cite the State Council notice the dates come from (title, number, date)')),
    holidays: z.array(z.iso.date()),
    workdays: z.array(z.iso.date()),
  })
  .check(
    z.superRefine((y, ctx) => {
      const inYear = (d: string) => d.startsWith(`${y.year}-`) || d.startsWith(`${y.year - 1}-12-`);
      for (const field of ['holidays', 'workdays'] as const) {
        y[field].forEach((d, i) => {
          if (!inYear(d)) ctx.addIssue({ code: 'custom', input: d, path: [field, i], message: `${d} is not in ${y.year} (or the December before it)` });
        });
      }
      y.workdays.forEach((d, i) => {
        if (!weekend(d)) ctx.addIssue({ code: 'custom', input: d, path: ['workdays', i], message: `${d} is a weekday: list only the Saturdays and Sundays worked in exchange (调休)` });
        if (y.holidays.includes(d)) ctx.addIssue({ code: 'custom', input: d, path: ['workdays', i], message: `${d} is listed both as a holiday and as a working day` });
      });
    }),
  );

/**
 * A holiday calendar file: the years a bank loads beyond those the release ships, one entry per year,
 * each citing its notice (docs/domain/clocks.md, "The holiday calendar"). A year may appear once.
 *
 * @example
 * ```ts
 * HolidayCalendarFile.parse({ years: [{ year: 2027, source: '…', holidays: [], workdays: [] }] });
 * ```
 */
export const HolidayCalendarFile = z.object({ years: z.array(HolidayYearEntry).check(z.minLength(1, 'list at least one year')) }).check(
  z.superRefine((f, ctx) => {
    const seen = new Set<number>();
    f.years.forEach((y, i) => {
      if (seen.has(y.year)) ctx.addIssue({ code: 'custom', input: y.year, path: ['years', i, 'year'], message: `${y.year} appears twice` });
      seen.add(y.year);
    });
  }),
);
/** A holiday calendar file, parsed. @example `const f: HolidayCalendarFile = { years: [] };` */
export interface HolidayCalendarFile extends z.infer<typeof HolidayCalendarFile> {}

/**
 * A holiday calendar file that cannot be used: not JSON, or a field that is wrong. `field` is the path
 * of the first wrong field (`years[0].workdays[2]`) and `line` the line it is on (1-based), when known.
 *
 * @example
 * ```ts
 * try { parseHolidayCalendarFile(text); } catch (e) { if (e instanceof CalendarFileError) console.error(e.line, e.field); }
 * ```
 */
export class CalendarFileError extends Error {
  override readonly name = 'CalendarFileError';
  constructor(
    message: string,
    /** Path of the wrong field, `null` when the file is not JSON. */
    readonly field: string | null,
    /** 1-based line number, `null` when it could not be placed. */
    readonly line: number | null,
  ) {
    super(message);
  }
}

/**
 * @internal Where JSON.parse gave up: a small recursive-descent scan returning the offset of the first
 * character that cannot continue a JSON text (Node 20's messages do not say where).
 */
function syntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const ws = () => {
    while (/\s/.test(text[i] ?? '')) i++;
  };
  const literal = (word: string) => {
    if (!text.startsWith(word, i)) fail();
    i += word.length;
  };
  const string = () => {
    i++;
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      ws();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i++;
        }
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === close) {
          i++;
          return;
        } else fail();
      }
    }
    if (c === '"') {
      string();
      return;
    }
    const n = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (n) i += n[0].length;
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else literal('null');
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return at as number;
  }
}

/** @internal 1-based line of a character offset. */
const lineAt = (text: string, offset: number) => text.slice(0, offset).split('\n').length;

/** @internal `years[0].workdays[2]`. */
const pathText = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/** @internal the value at a path of the parsed file. */
const valueAt = (root: unknown, path: readonly PropertyKey[]): unknown =>
  path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), root);

/**
 * Parses and validates the text of a holiday calendar file ({@link HolidayCalendarFile}) into the
 * years it lists, ready for core's `calendarOfYears`. Throws {@link CalendarFileError} naming the line
 * and field of the first problem, with what to write instead.
 *
 * @example
 * ```ts
 * const years = parseHolidayCalendarFile(readFileSync('holidays-2027.json', 'utf8'));
 * const calendar = calendarOfYears([...CN_HOLIDAY_YEARS, ...years]);
 * ```
 */
export function parseHolidayCalendarFile(text: string): HolidayYear[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const line = lineAt(text, syntaxErrorOffset(text));
    throw new CalendarFileError(`not valid JSON (line ${line}): ${(e as Error).message}`, null, line);
  }
  const result = HolidayCalendarFile.safeParse(json);
  if (result.success) return result.data.years;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const field = pathText(issue.path);
  // Place the field by its value: a date or year is written once in a sane file.
  const value = valueAt(json, issue.path);
  const found = typeof value === 'string' || typeof value === 'number' ? text.indexOf(JSON.stringify(value)) : -1;
  const line = found >= 0 ? lineAt(text, found) : null;
  throw new CalendarFileError(`${line === null ? '' : `line ${line}, `}${field || 'the file'}: ${issue.message}`, field || null, line);
}
