import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createIdentityHasher } from './node.js';

describe('createIdentityHasher', () => {
  const hash = createIdentityHasher('0123456789abcdef-bank-secret');

  it('is HMAC-SHA-256 over the canonical message, so other systems can reproduce it', () => {
    const want = createHmac('sha256', '0123456789abcdef-bank-secret').update('phone:+8613812345678').digest('hex');
    expect(hash('phone', '138 1234 5678')).toBe(want);
  });
  it('depends on the secret', () => {
    expect(createIdentityHasher('another-secret-of-16+')('phone', '13812345678')).not.toBe(hash('phone', '13812345678'));
  });
  it('hashes nothing invalid and refuses a short secret', () => {
    expect(hash('idNumber', '110105194912310021')).toBeNull();
    expect(() => createIdentityHasher('short')).toThrow(/at least 16 bytes/);
  });
});
