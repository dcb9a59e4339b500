import * as fs from 'node:fs/promises';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLeaseLock, createWebLock, MemoryLeaseStore } from '../../src/outbox.js';
import { FileLeaseStore } from '../../src/outbox-node.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('lease lock', () => {
  it('lets one holder in, refuses a second until the first releases or its lease expires', async () => {
    let t = 1_000;
    const store = new MemoryLeaseStore();
    const a = createLeaseLock(store, { ttlMs: 100, now: () => t, owner: 'a' });
    const b = createLeaseLock(store, { ttlMs: 100, now: () => t, owner: 'b' });
    const heldA = await a.acquire();
    expect(heldA).not.toBeNull();
    expect(await b.acquire()).toBeNull();
    t += 50;
    expect(await heldA!.renew()).toBe(true); // renewed to t + 100
    t += 99;
    expect(await b.acquire()).toBeNull();
    t += 2; // a stopped renewing (crashed or frozen): b takes over
    const heldB = await b.acquire();
    expect(heldB).not.toBeNull();
    expect(await heldA!.renew()).toBe(false); // a learns it lost the lease before its next send
    await heldA!.release(); // does not release b's lease
    expect(await a.acquire()).toBeNull();
    await heldB!.release();
    expect(await a.acquire()).not.toBeNull();
  });
});

describe('Web Locks lock', () => {
  /** A minimal `navigator.locks` with `ifAvailable`, as browsers implement it. */
  function fakeLocks() {
    const held = new Set<string>();
    return {
      async request(name: string, _o: { ifAvailable: boolean }, cb: (lock: unknown) => Promise<void> | undefined) {
        if (held.has(name)) return cb(null);
        held.add(name);
        try {
          return await cb({ name });
        } finally {
          held.delete(name);
        }
      },
    };
  }

  it('is held until released, and a second request does not wait', async () => {
    const locks = fakeLocks();
    const a = createWebLock('ck', locks);
    const b = createWebLock('ck', locks);
    const held = await a.acquire();
    expect(held).not.toBeNull();
    expect(await b.acquire()).toBeNull();
    await held!.release();
    await new Promise((r) => setTimeout(r, 0));
    expect(await b.acquire()).not.toBeNull();
  });
});

describe('lock file', () => {
  it('is created exclusively, renewed by its owner, and taken over only once stale', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-lock-'));
    dirs.push(dir);
    const path = join(dir, '.lock');
    const a = new FileLeaseStore(fs, path);
    const b = new FileLeaseStore(fs, path);
    expect(await a.claim('a', 2_000, 1_000)).toBe(true);
    expect(await b.claim('b', 2_500, 1_500)).toBe(false);
    expect(await a.claim('a', 3_000, 1_600)).toBe(true); // renewal
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ owner: 'a', expiresAt: 3_000 });
    expect(await b.claim('b', 4_000, 3_001)).toBe(true); // a's lease ran out
    expect(await b.read()).toEqual({ owner: 'b', expiresAt: 4_000 });
    await a.release('a'); // not a's any more: stays
    expect((await b.read())?.owner).toBe('b');
    await b.release('b');
    expect(await a.read()).toBeUndefined();
  });

  it('judges an unreadable lock file by its age', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-lock-'));
    dirs.push(dir);
    const path = join(dir, '.lock');
    await writeFile(path, ''); // a holder that crashed between creating and writing it
    const store = new FileLeaseStore(fs, path, 10_000);
    expect(await store.claim('b', Date.now() + 10_000, Date.now())).toBe(false);
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    expect(await store.claim('b', Date.now() + 10_000, Date.now())).toBe(true);
  });

  it('two processes racing for one stale lock: exactly one wins', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-lock-'));
    dirs.push(dir);
    const path = join(dir, '.lock');
    await writeFile(path, JSON.stringify({ owner: 'dead', expiresAt: 1 }));
    const results = await Promise.all(['p1', 'p2', 'p3', 'p4'].map((o) => new FileLeaseStore(fs, path).claim(o, Date.now() + 10_000, Date.now())));
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ['p1', 'p2', 'p3', 'p4'][results.indexOf(true)];
    expect((await new FileLeaseStore(fs, path).read())?.owner).toBe(winner);
  });
});
