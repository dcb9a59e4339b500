/**
 * A LIKE pattern matching strings that start with `prefix` (with `\` as the escape character): a
 * subtree is a path prefix, a taxonomy code matches its children by prefix.
 *
 * @example
 * ```ts
 * likePrefix('/HO/BR_1/'); // '/HO/BR\\_1/%'
 * ```
 */
export const likePrefix = (prefix: string): string => `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
