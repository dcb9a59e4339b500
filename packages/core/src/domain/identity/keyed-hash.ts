import { normaliseCardNumber, normaliseIdNumber, normalisePhone } from './normalise.js';

/**
 * The kinds of identifier that are matched across systems by keyed hash.
 *
 * @example
 * ```ts
 * const kind: IdentityKind = 'phone';
 * ```
 */
export type IdentityKind = 'phone' | 'idNumber' | 'cardNumber';

/**
 * The name of the keyed-hash scheme, stored beside every hash so a later scheme can coexist:
 * HMAC-SHA-256 with a secret the bank holds, over `"<kind>:<canonical value>"` (UTF-8), as lower-case
 * hex. The service and `@complaintkit/tagging` both use it, so their hashes compare equal.
 *
 * @example
 * ```ts
 * IDENTITY_HASH_SCHEME; // 'hmac-sha256-v1'
 * ```
 */
export const IDENTITY_HASH_SCHEME = 'hmac-sha256-v1';

const NORMALISERS: Record<IdentityKind, (raw: string) => string | null> = {
  phone: normalisePhone,
  idNumber: normaliseIdNumber,
  cardNumber: normaliseCardNumber,
};

/**
 * The message that is keyed-hashed for one identifier: `"<kind>:<canonical value>"`, or `null` when the
 * value is not a valid identifier of that kind (nothing is hashed then: an invalid number matches
 * nobody). Pass it to HMAC-SHA-256 with the bank's secret; in Node use `createIdentityHasher` from
 * `@complaintkit/core/node`, which does both.
 *
 * @example
 * ```ts
 * identityHashMessage('phone', '138-1234-5678'); // 'phone:+8613812345678'
 * identityHashMessage('idNumber', 'not an id');  // null
 * ```
 */
export function identityHashMessage(kind: IdentityKind, raw: string): string | null {
  const canonical = NORMALISERS[kind](raw);
  return canonical === null ? null : `${kind}:${canonical}`;
}
