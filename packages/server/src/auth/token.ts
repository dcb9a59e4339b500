import type { StaffRole } from '@complaintkit/core/domain';
import { jwtVerify, SignJWT } from 'jose';

/**
 * The claims of a ComplaintKit bearer token (common.md): `sub`, `kind`, and for staff `role` and `org`.
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

/** @internal the key bytes of a secret given as text or bytes. */
const keyOf = (secret: string | Uint8Array): Uint8Array => (typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);

/**
 * Signs a bearer token (JWT, HS256) for the given caller. `ttl` is a jose duration (`'1h'`, `'30d'`)
 * or seconds.
 *
 * @example
 * ```ts
 * const token = await issueToken({ sub: 'C-1001', kind: 'customer' }, secret, '1h');
 * await fetch(url, { headers: { authorization: `Bearer ${token}` } });
 * ```
 */
export async function issueToken(claims: TokenClaims, secret: string | Uint8Array, ttl: string | number = '1h'): Promise<string> {
  const { sub, ...rest } = claims;
  return new SignJWT(rest)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(sub)
    .setIssuedAt()
    .setExpirationTime(typeof ttl === 'number' ? Math.floor(Date.now() / 1000) + ttl : ttl)
    .sign(keyOf(secret));
}

/**
 * Verifies a bearer token and returns its claims, or `null` when it is missing a claim, expired,
 * signed with another key or not HS256.
 *
 * @example
 * ```ts
 * const claims = await verifyToken(token, secret);
 * if (!claims) return unauthenticated();
 * ```
 */
export async function verifyToken(token: string, secret: string | Uint8Array): Promise<TokenClaims | null> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { algorithms: ['HS256'] });
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
