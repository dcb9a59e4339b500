/** @internal two digits. */
const p2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
/** @internal three digits. */
const p3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);

/**
 * An instant (epoch milliseconds) as `Date.prototype.toISOString` writes it, without making a `Date`:
 * the exports and the event log write two or three per tag, hundreds of thousands per full build.
 * The civil date is Howard Hinnant's `civil_from_days`; instants outside years 1970–9999 go through
 * `Date`.
 *
 * @example
 * ```ts
 * isoTime(0); // '1970-01-01T00:00:00.000Z'
 * ```
 */
export function isoTime(t: number): string {
  if (!(t >= 0 && t < 253_402_300_800_000) || !Number.isInteger(t)) return new Date(t).toISOString();
  const days = Math.floor(t / 86_400_000);
  let ms = t - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const mi = Math.floor(ms / 60_000);
  ms -= mi * 60_000;
  const s = Math.floor(ms / 1000);
  ms -= s * 1000;
  return `${y}-${p2(m)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(s)}.${p3(ms)}Z`;
}

/** @internal one decimal digit. */
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;

/**
 * An ISO 8601 instant as epoch milliseconds, as `Date.parse` reads it: the service's own shape
 * (`2026-11-29T08:00:00.000Z`, already checked by the row schema) is read digit by digit, about twice
 * as fast; any other shape (an offset, other fractions) goes through `Date.parse`.
 *
 * @example
 * ```ts
 * parseInstant('2026-11-29T00:00:00.000Z') === Date.parse('2026-11-29T00:00:00.000Z'); // true
 * ```
 */
export function parseInstant(s: string): number {
  if (s.length !== 24 || s.charCodeAt(23) !== 90 || s.charCodeAt(19) !== 46 || s.charCodeAt(10) !== 84) return Date.parse(s);
  const year = digit(s, 0) * 1000 + digit(s, 1) * 100 + digit(s, 2) * 10 + digit(s, 3);
  if (year < 100) return Date.parse(s); // Date.UTC would read 0–99 as 1900–1999
  return Date.UTC(
    year,
    digit(s, 5) * 10 + digit(s, 6) - 1,
    digit(s, 8) * 10 + digit(s, 9),
    digit(s, 11) * 10 + digit(s, 12),
    digit(s, 14) * 10 + digit(s, 15),
    digit(s, 17) * 10 + digit(s, 18),
    digit(s, 20) * 100 + digit(s, 21) * 10 + digit(s, 22),
  );
}
