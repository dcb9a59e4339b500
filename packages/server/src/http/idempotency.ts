import { createHash } from 'node:crypto';
import { badRequest } from './problem.js';

/**
 * JSON with object keys sorted at every level, so that two bodies that mean the same hash the same.
 *
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [2, { d: 1, c: 0 }] }); // '{"a":[2,{"c":0,"d":1}],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The hash that tells "the same request" from "another request with the same key": method, path and
 * the canonical JSON body.
 *
 * @example
 * ```ts
 * requestHash('POST', '/v1/complaints', body); // 'a3f…' (hex SHA-256)
 * ```
 */
export const requestHash = (method: string, path: string, body: unknown): string =>
  createHash('sha256').update(`${method.toUpperCase()} ${path}\n${canonicalJson(body)}`).digest('hex');

/**
 * The `Idempotency-Key` header (1–255 printable characters), `undefined` when absent; a malformed
 * key is a 400 naming the header.
 *
 * @example
 * ```ts
 * const key = idempotencyKeyOf(c.req.header('idempotency-key'));
 * ```
 */
export function idempotencyKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (header.length < 1 || header.length > 255 || !/^[\x21-\x7e]+$/.test(header)) {
    throw badRequest([{ path: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters without spaces' }]);
  }
  return header;
}
