import { createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { codePointLength, type StaffRole } from '@complaintkit/core/domain';
import { SignJWT } from 'jose';

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

/** @internal whether text holds a C0 control character or DEL: no id does (PostgreSQL cannot store a NUL at all). */
const hasControl = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // C0, DEL and C1 controls.
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
};

/** @internal a surrogate not in a pair (in `u` mode a pair is one code point, never `Cs`). */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Whether a verified token's subject is an id the service can hold: a staff member's or a customer's
 * 1 to 64 characters (a customer's becomes the complaint's `customerId`, which the contract bounds so),
 * counted in code points as the contract counts them, and no subject a control character (C0, DEL,
 * C1) or a lone surrogate.
 *
 * @example
 * ```ts
 * subjectFits({ sub: 'C-000001', kind: 'customer' }); // true
 * subjectFits({ sub: 'C-000001\u0000', kind: 'customer' }); // false
 * ```
 */
export const subjectFits = (claims: TokenClaims): boolean =>
  // Characters counted as the contract counts a customer id (code points); a lone surrogate is no text.
  !LONE_SURROGATE.test(claims.sub) && !hasControl(claims.sub) && (claims.kind === 'system' || codePointLength(claims.sub) <= 64);

/** How far a token's `iat` may lie ahead of this server's clock (seconds of clock skew). @internal */
export const MAX_CLOCK_SKEW_S = 60;

/** @internal one base64url segment of a compact JWS (no padding, nothing else). */
const B64URL = /^[A-Za-z0-9_-]+$/;

/** @internal the HMAC key of the last secret seen: imported once, not on every verify. */
let lastKey: { secret: string | Uint8Array; key: KeyObject } | undefined;

/** @internal the secret as a key object, imported once per secret. */
function hmacKey(secret: string | Uint8Array): KeyObject {
  if (lastKey?.secret !== secret) lastKey = { secret, key: createSecretKey(keyOf(secret)) };
  return lastKey.key;
}

/** @internal a base64url segment parsed as a JSON object, or undefined. */
function jsonSegment(segment: string): Record<string, unknown> | undefined {
  const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/**
 * The payload of a compact HS256 JWS when its signature is right, else undefined. Synchronous
 * `node:crypto` HMAC with the key imported once: jose's `jwtVerify` goes through WebCrypto, which
 * imported the key and queued an async job on every call (about a fifth of a `GET /v1/me`'s CPU).
 * Only `alg: HS256` is accepted (no `none`, no other algorithm, no `crit` extensions, no unencoded
 * payloads), and the signature is compared in constant time.
 */
function verifiedPayload(token: string, secret: string | Uint8Array): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, p, s] = parts as [string, string, string];
  if (!B64URL.test(h) || !B64URL.test(p) || !B64URL.test(s)) return undefined;
  const header = jsonSegment(h);
  if (header?.alg !== 'HS256' || 'crit' in header || 'b64' in header) return undefined;
  const signature = Buffer.from(s, 'base64url');
  const expected = createHmac('sha256', hmacKey(secret)).update(`${h}.${p}`).digest();
  if (signature.length !== expected.length || !timingSafeEqual(signature, expected)) return undefined;
  return jsonSegment(p);
}

/**
 * Verifies a bearer token and returns its claims, or `null` when it is missing a claim (`exp` is
 * required), expired or not yet valid (`nbf`), issued in the future (`iat` more than a minute ahead;
 * all by `now`, the service's clock), signed with another key or not HS256. Whether the subject still
 * exists with that role and organisation is checked against the record by `authenticate`.
 *
 * @example
 * ```ts
 * const claims = await verifyToken(token, secret);
 * if (!claims) return unauthenticated();
 * ```
 */
export async function verifyToken(token: string, secret: string | Uint8Array, now: () => number = Date.now): Promise<TokenClaims | null> {
  return verifyTokenNow(token, secret, now());
}

/**
 * {@link verifyToken} without the promise, at the instant `nowMs` (epoch ms): the request path's form.
 *
 * @example
 * ```ts
 * const claims = verifyTokenNow(token, secret, Date.now());
 * ```
 */
export function verifyTokenNow(token: string, secret: string | Uint8Array, nowMs: number): TokenClaims | null {
  try {
    const payload = verifiedPayload(token, secret);
    if (!payload) return null;
    const nowS = Math.floor(nowMs / 1000);
    // As jose checks them: exp required and numeric, expired at exp; nbf and iat numeric when present.
    if (typeof payload.exp !== 'number' || payload.exp <= nowS) return null;
    if (payload.nbf !== undefined && (typeof payload.nbf !== 'number' || payload.nbf > nowS)) return null;
    if (payload.iat !== undefined && (typeof payload.iat !== 'number' || payload.iat > nowMs / 1000 + MAX_CLOCK_SKEW_S)) return null;
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
