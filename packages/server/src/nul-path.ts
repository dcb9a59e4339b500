// Finding a NUL (U+0000) in parsed input: PostgreSQL cannot hold one in text, so the API and the
// history import refuse it, naming where, and both databases answer alike.

/**
 * The path of the first key or string in a parsed value (a JSON body, a history row) that holds a
 * NUL character, or `undefined`. Callers walk a value only when its text can hold one (a JSON body holding the escape
 * `\u0000`, a CSV holding the character), so ordinary input is never walked.
 *
 * @example
 * ```ts
 * nulPath({ complainant: { name: 'a\u0000' } }); // 'complainant.name'
 * ```
 */
export function nulPath(value: unknown, path = ''): string | undefined {
  return pathOfText(value, (s) => s.includes('\u0000'), path);
}

/** @internal a UTF-16 surrogate that is not half of a pair (written without lookbehind, for older engines). */
const LONE_SURROGATE = /(?:[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF])/;

/**
 * The path of the first key or string in a parsed value that holds a lone UTF-16 surrogate (a JSON
 * escape such as `\uD800` with no partner), or `undefined`. Such a string is not Unicode text: it
 * cannot be written as UTF-8, so every export, CSV and log line would turn it into U+FFFD.
 *
 * @example
 * ```ts
 * loneSurrogatePath({ complainant: { name: '张\uD800三' } }); // 'complainant.name'
 * ```
 */
export function loneSurrogatePath(value: unknown, path = ''): string | undefined {
  return pathOfText(value, (s) => LONE_SURROGATE.test(s), path);
}

/** @internal the path of the first key or string of a parsed value that `bad` holds true for. */
function pathOfText(value: unknown, bad: (s: string) => boolean, path: string): string | undefined {
  if (typeof value === 'string') return bad(value) ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const p = path === '' ? k : `${path}.${k}`;
    if (bad(k)) return path;
    const found = pathOfText(v, bad, p);
    if (found !== undefined) return found;
  }
  return undefined;
}
