import { SignJWT, UnsecuredJWT } from 'jose';
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { issueToken, verifyToken } from '../src/auth/token.js';

/** The bearer check is node:crypto HMAC now, not jose's jwtVerify: it must refuse all that jose refused. */
describe('verifyToken', () => {
  const secret = 'a-test-secret-0123456789abcdef';
  const key = new TextEncoder().encode(secret);
  const claims = { kind: 'staff', role: 'handler', org: 'HO' };
  const sign = (set: (j: SignJWT) => SignJWT, header: Record<string, unknown> = { alg: 'HS256' }) =>
    set(new SignJWT(claims).setProtectedHeader(header as { alg: string }).setSubject('u-1')).sign(key);

  it('accepts a token the service issued, with its claims', async () => {
    expect(await verifyToken(await issueToken({ sub: 'u-1', kind: 'staff', role: 'handler', org: 'HO' }, secret, '1h'), secret)).toEqual({
      sub: 'u-1',
      kind: 'staff',
      role: 'handler',
      org: 'HO',
    });
    expect(await verifyToken(await issueToken({ sub: 'C-1', kind: 'customer' }, key, 60), secret)).toEqual({ sub: 'C-1', kind: 'customer' });
  });

  it('refuses another key, a changed payload or signature, and anything not HS256', async () => {
    const good = await sign((j) => j.setExpirationTime('1h'));
    expect(await verifyToken(good, 'another-secret-0123456789abcdef')).toBeNull();
    const [h, p, s] = good.split('.') as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'u-1', role: 'manager', exp: 9_999_999_999 })).toString('base64url');
    expect(await verifyToken(`${h}.${forged}.${s}`, secret)).toBeNull();
    // The first character carries six bits of the MAC: changed, the signature is always another (ending it in
    // `AA`, as this once did, left it unchanged whenever the MAC already ended so, about one run in a thousand).
    expect(await verifyToken(`${h}.${p}.${s[0] === 'A' ? 'B' : 'A'}${s.slice(1)}`, secret)).toBeNull();
    expect(await verifyToken(`${h}.${p}.${s}=`, secret)).toBeNull();
    expect(await verifyToken(`${h}.${p}`, secret)).toBeNull();
    expect(await verifyToken(new UnsecuredJWT({ ...claims, sub: 'u-1' }).setExpirationTime('1h').encode(), secret)).toBeNull();
    expect(await verifyToken(await sign((j) => j.setExpirationTime('1h'), { alg: 'HS512' }), secret)).toBeNull();
    // Signed right, but with a critical extension nobody here understands (jose refuses to sign it).
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const signed = (header: unknown) => {
      const input = `${b64(header)}.${b64({ ...claims, sub: 'u-1', exp: Math.floor(Date.now() / 1000) + 600 })}`;
      return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
    };
    expect(await verifyToken(signed({ alg: 'HS256' }), secret)).not.toBeNull();
    expect(await verifyToken(signed({ alg: 'HS256', crit: ['x'], x: 1 }), secret)).toBeNull();
    expect(await verifyToken(signed({ alg: 'HS256', b64: false, crit: ['b64'] }), secret)).toBeNull();
    expect(await verifyToken('not a token', secret)).toBeNull();
  });

  it('refuses a token without exp, expired, not yet valid, or issued in the future', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await verifyToken(await sign((j) => j.setIssuedAt()), secret)).toBeNull();
    expect(await verifyToken(await sign((j) => j.setExpirationTime(now - 1)), secret)).toBeNull();
    expect(await verifyToken(await sign((j) => j.setExpirationTime(now)), secret)).toBeNull();
    expect(await verifyToken(await sign((j) => j.setExpirationTime('1h').setNotBefore(now + 600)), secret)).toBeNull();
    expect(await verifyToken(await sign((j) => j.setExpirationTime('2h').setIssuedAt(now + 3600)), secret)).toBeNull();
    expect(await verifyToken(await sign((j) => j.setExpirationTime('1h').setIssuedAt(now + 10)), secret)).not.toBeNull();
  });
});
