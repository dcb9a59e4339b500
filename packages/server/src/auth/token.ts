import type { StaffRole } from '@complaintkit/core/domain';
import { jwtVerify, SignJWT } from 'jose';

/**
 * The claims of a ComplaintKit bearer token (the server README, "API in brief"): `sub`, `kind`, and for staff `role` and `org`.
 *
 * @example
 * ```ts
 * const c: TokenClaims = { sub: 'u-2001', kind: 'staff', role: 'handler', org: 'SB-440301' };
 * ```
 */
export type TokenClaims =
  | { sub: string; kind: 'staff'; role: StaffRole; org: string }
  | { sub: string; kind: 'customer' }
  | { sub: string; kind: 'system' };

/** @internal */
const STAFF_ROLES: readonly string[] = ['frontline', 'handler', 'manager', 'leadership', 'auditor'];

/** @internal seconds per unit of a duration (`'30d'`, `'1h'`, `'90 s'`). */
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** @internal a token lifetime in seconds: a number of seconds, or `<n>s|m|h|d|w`. */
function ttlSeconds(ttl: string | number): number {
  if (typeof ttl === 'number') return ttl;
  const m = /^(\d+)\s*([smhdw])$/.exec(ttl.trim());
  if (!m) throw new TypeError(`token lifetime "${ttl}": give seconds, or a number with s, m, h, d or w ('30d')`);
  return Number(m[1]) * (UNIT_SECONDS[m[2] as string] as number);
}

/** @internal the key bytes of a secret given as text or bytes. */
const keyOf = (secret: string | Uint8Array): Uint8Array => (typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);

/**
 * Signs a bearer token (JWT, HS256) for the given caller. `ttl` is seconds or `<n>s|m|h|d|w`
 * (`'1h'`, `'30d'`), counted from `now` (the service's clock; default the system clock).
 *
 * @example
 * ```ts
 * const token = await issueToken({ sub: 'C-1001', kind: 'customer' }, secret, '1h');
 * await fetch(url, { headers: { authorization: `Bearer ${token}` } });
 * ```
 */
export async function issueToken(
  claims: TokenClaims,
  secret: string | Uint8Array,
  ttl: string | number = '1h',
  now: () => number = Date.now,
): Promise<string> {
  const { sub, ...rest } = claims;
  const issuedAt = Math.floor(now() / 1000);
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds(ttl))
    .sign(keyOf(secret));
}

/** How far a token's `iat` may lie ahead of this server's clock (seconds of clock skew). @internal */
export const MAX_CLOCK_SKEW_S = 60;

/**
 * Verifies a bearer token and returns its claims, or `null` when it is missing a claim (`exp` is
 * required), expired or issued in the future (`iat` more than a minute ahead; both by `now`, the
 * service's clock), signed with another key or not HS256. Whether the subject still exists with that
 * role and organisation is checked against the record by `authenticate`.
 *
 * @example
 * ```ts
 * const claims = await verifyToken(token, secret);
 * if (!claims) return unauthenticated();
 * ```
 */
export async function verifyToken(token: string, secret: string | Uint8Array, now: () => number = Date.now): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'], requiredClaims: ['exp'], currentDate: new Date(now()) });
    if (payload.iat !== undefined && payload.iat > now() / 1000 + MAX_CLOCK_SKEW_S) return null;
    const sub = payload.sub;
    if (typeof sub !== 'string' || sub.length === 0) return null;
    if (payload.kind === 'customer' || payload.kind === 'system') return { sub, kind: payload.kind };
    if (payload.kind === 'staff' && typeof payload.role === 'string' && STAFF_ROLES.includes(payload.role) && typeof payload.org === 'string') {
      return { sub, kind: 'staff', role: payload.role as StaffRole, org: payload.org };
    }
    return null;
  } catch {
    return null;
  }
}
