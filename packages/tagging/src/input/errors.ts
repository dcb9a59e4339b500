/**
 * Bad input: a file, a line (1-based, the header being line 1 in a CSV) and a field, with what is
 * wrong. Raised before anything is written, so a run that fails publishes nothing.
 *
 * @example
 * ```ts
 * try { await readComplaintFile('day.csv').next(); } catch (e) {
 *   if (e instanceof InputError) console.error(`${e.file}:${e.line} ${e.field}: ${e.reason}`);
 * }
 * ```
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly field: string | null,
    readonly reason: string,
    /** What to do next, after the reason: by default, fix the input and run again. */
    next = 'Fix the input and run again; nothing was written.',
  ) {
    super(`${file}${line === null ? '' : `:${line}`}${field ? ` field "${field}"` : ''}: ${reason}. ${next}`);
  }
}

/**
 * Turns zod issues into one {@link InputError} naming the first bad field. Values are never quoted in
 * the message: they may be personal data.
 *
 * @example
 * ```ts
 * throw issuesToInputError('rules.yaml', null, result.error.issues);
 * ```
 */
export function issuesToInputError(
  file: string,
  line: number | null,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): InputError {
  const first = issues[0];
  const field = first?.path.length ? first.path.map(String).join('.') : null;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new InputError(file, line, field, `${first?.message ?? 'invalid'}${more}`);
}
