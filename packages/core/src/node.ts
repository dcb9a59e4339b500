/**
 * `@complaintkit/core/node`: helpers for the service and for tools that run beside it (tagging,
 * imports): the keyed identity hash (Node's crypto) and the one CSV cell writer, guarded against
 * formula injection, that every CSV export goes through. Never bundled into a browser.
 *
 * @example
 * ```ts
 * import { createIdentityHasher } from '@complaintkit/core/node';
 * const hash = createIdentityHasher(process.env.CK_IDENTITY_SECRET!);
 * hash('phone', '138 1234 5678'); // same hex as for '+8613812345678'
 * ```
 *
 * @packageDocumentation
 */
import { createHmac } from 'node:crypto';
import { type IdentityKind, identityHashMessage } from './domain/identity/keyed-hash.js';

export { csvCell, csvUnguard } from './csv/csv-cell.js';

/**
 * A function that keyed-hashes one identifier under the scheme `IDENTITY_HASH_SCHEME`
 * (HMAC-SHA-256 over `"<kind>:<canonical value>"`, lower-case hex), or returns `null` for a value that
 * is not a valid identifier of that kind.
 *
 * @example
 * ```ts
 * const hash: IdentityHasher = createIdentityHasher('bank-secret');
 * ```
 */
export type IdentityHasher = (kind: IdentityKind, raw: string) => string | null;

/**
 * Makes an {@link IdentityHasher} with the bank's secret. The secret must be at least 16 bytes; keep it
 * out of logs and source control. Raw identifiers never leave the process: only the hashes do.
 *
 * @example
 * ```ts
 * const hash = createIdentityHasher('a-long-bank-held-secret');
 * hash('idNumber', '11010519491231002x') === hash('idNumber', '11010519491231002X'); // true
 * hash('cardNumber', '1234'); // null
 * ```
 */
export function createIdentityHasher(secret: string | Uint8Array): IdentityHasher {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (key.length < 16) {
    throw new RangeError('The identity secret must be at least 16 bytes: set a longer bank-held secret.');
  }
  return (kind, raw) => {
    const message = identityHashMessage(kind, raw);
    return message === null ? null : createHmac('sha256', key).update(message, 'utf8').digest('hex');
  };
}
