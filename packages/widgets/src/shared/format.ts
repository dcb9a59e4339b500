import { getConfig } from './config.js';

const DAY = 86_400_000;

/**
 * A date and time for people, in the locale and the configured time zone (default Asia/Shanghai).
 *
 * @example
 * ```ts
 * formatDateTime('2026-03-16T15:59:59.999Z', 'zh-CN'); // '2026/03/16 23:59'
 * ```
 */
export function formatDateTime(iso: string | number, locale: string, dateOnly = false): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    timeZone: getConfig().timeZone ?? 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    ...(dateOnly ? {} : { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const }),
  }).format(d);
}

/**
 * Whole days from `now` to a deadline: positive while it runs, 0 on its last day, negative once
 * overdue (how many days over).
 *
 * @example
 * ```ts
 * daysUntil('2026-03-16T15:59:59.999Z', Date.parse('2026-03-14T01:00:00Z')); // 2
 * ```
 */
export function daysUntil(iso: string, now: number): number {
  const ms = Date.parse(iso) - now;
  return ms >= 0 ? Math.floor(ms / DAY) : -Math.ceil(-ms / DAY);
}

/**
 * A file size for people: `5 MB`, `800 KB`.
 *
 * @example
 * ```ts
 * formatBytes(5 * 1024 * 1024); // '5 MB'
 * ```
 */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
