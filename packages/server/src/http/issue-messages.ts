import { en } from 'zod/locales';

/**
 * zod parse options whose messages say what a field expects ("Invalid option: expected one of …",
 * "expected string, received number") instead of zod's bare "Invalid input"; they never echo the
 * value. Used for request bodies and for history rows alike.
 *
 * @example
 * ```ts
 * const r = safeParse(HistoryRecord, row, ISSUE_MESSAGES);
 * ```
 */
export const ISSUE_MESSAGES = { error: en().localeError };
