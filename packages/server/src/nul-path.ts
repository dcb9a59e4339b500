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
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (value === null || typeof value !== 'object') return undefined;
  for (const [k, v] of Object.entries(value)) {
    const p = path === '' ? k : `${path}.${k}`;
    if (k.includes('\u0000')) return path;
    const found = nulPath(v, p);
    if (found !== undefined) return found;
  }
  return undefined;
}
