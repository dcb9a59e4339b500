import type { z } from 'zod/mini';
import { en } from 'zod/locales';

/** @internal the bound zod's `int()` puts on every integer: 2^53 − 1 either way. */
const SAFE = Number.MAX_SAFE_INTEGER;

/** @internal whether an issue is only that inner bound (the schemas' own bounds are far inside it). */
const isSafeIntegerBound = (issue: object): boolean => {
  const i = issue as { code?: unknown; maximum?: unknown; minimum?: unknown };
  return (i.code === 'too_big' && Number(i.maximum) === SAFE) || (i.code === 'too_small' && Number(i.minimum) === -SAFE);
};

const english = en().localeError;

/**
 * zod parse options whose messages say what a field expects ("Invalid option: expected one of …",
 * "expected string, received number") instead of zod's bare "Invalid input"; they never echo the
 * value. Used for request bodies and for history rows alike. An integer beyond ±(2^53 − 1) is "Too
 * big: expected a whole number …" in words: the bound in digits is 16 of them, which a problem's
 * masking takes for a card number.
 *
 * @example
 * ```ts
 * const r = safeParse(HistoryRecord, row, ISSUE_MESSAGES);
 * ```
 */
export const ISSUE_MESSAGES = {
  error: (issue: z.core.$ZodRawIssue) =>
    isSafeIntegerBound(issue)
      ? issue.code === 'too_big'
        ? 'Too big: expected a whole number below 2^53'
        : 'Too small: expected a whole number above -2^53'
      : english(issue),
};

/**
 * The issues without the inner ±(2^53 − 1) bound of a field that broke one of its own bounds too
 * (`limit=1e20` is "expected number to be <=100", once).
 *
 * @example
 * ```ts
 * const issues = withoutInnerBound(result.error.issues);
 * ```
 */
export function withoutInnerBound<I extends { readonly path?: readonly PropertyKey[] | undefined }>(issues: readonly I[]): I[] {
  const key = (i: I) => (i.path ?? []).map(String).join('\u0000');
  return issues.filter((i) => !isSafeIntegerBound(i) || !issues.some((o) => o !== i && key(o) === key(i) && !isSafeIntegerBound(o)));
}
