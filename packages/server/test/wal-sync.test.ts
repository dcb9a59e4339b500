import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/store/open-store.js';
import type { SqlStore } from '../src/store/sql-store.js';
import { walSyncOf } from '../src/store/sqlite-direct.js';
import type { StoredResult } from '../src/store/store.js';
import { WalSync, WalSyncError } from '../src/store/wal-sync.js';
import { registration } from './helpers/fixture-bank.js';
import { startTestServer, type TestServer } from './helpers/harness.js';

/** A flush held back until released: each call waits for its own `release()`. */
function heldFlushes(sync: WalSync) {
  const calls: { release: () => void; fail: (e: Error) => void; file: FileHandle }[] = [];
  const real = sync.datasync;
  sync.datasync = (file) =>
    new Promise<void>((resolve, reject) => {
      calls.push({ release: () => void real(file).then(resolve, reject), fail: reject, file });
    });
  return { calls, restore: () => (sync.datasync = real) };
}

/** Lets the event loop run (the thread pool's callbacks, timers) for a few milliseconds. */
const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** Until `predicate` holds (polled), or fails after 2 s. */
async function until(predicate: () => boolean): Promise<void> {
  const giveUp = Date.now() + 2000;
  while (!predicate()) {
    if (Date.now() > giveUp) throw new Error('timed out');
    await settle(5);
  }
}

/**
 * SQLite runs with `synchronous = NORMAL` and the service flushes the WAL itself, off the event loop,
 * before a write is answered (`store/wal-sync.ts`): these are the rules that keep an acknowledged
 * write on disk as `synchronous = FULL` did.
 */
describe('the SQLite WAL flush before a write is answered', () => {
  let dir: string;
  let store: SqlStore;
  let sync: WalSync;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ck-walsync-'));
    store = (await openStore({ dataDir: dir })) as SqlStore;
    sync = walSyncOf(store.db) as WalSync;
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (i: number) => store.mutate(undefined, async (): Promise<StoredResult> => ({ status: 201, body: { i } }));

  it('answers a write only after a flush that began after its commit; a commit made during a flush waits for the next one', async () => {
    expect(sync).toBeInstanceOf(WalSync);
    const held = heldFlushes(sync);
    try {
      let firstDone = false;
      let secondDone = false;
      const first = write(1).then(() => (firstDone = true));
      await until(() => held.calls.length === 1);
      // Committed (another write can run: the event loop and the connection are free) but not answered.
      const second = write(2).then(() => (secondDone = true));
      await settle();
      expect(firstDone).toBe(false);
      expect(secondDone).toBe(false);
      // The second committed while the first flush ran: that flush does not cover it.
      expect(held.calls).toHaveLength(1);
      held.calls[0]?.release();
      await first;
      await settle();
      expect(secondDone).toBe(false);
      await until(() => held.calls.length === 2);
      held.calls[1]?.release();
      await second;
      expect(secondDone).toBe(true);
    } finally {
      held.restore();
    }
  });

  it('one flush covers every commit made before it began', async () => {
    const held = heldFlushes(sync);
    try {
      const blocker = write(0);
      await until(() => held.calls.length === 1);
      // Ten writes commit while the first flush runs: the next single flush answers them all.
      const many = Array.from({ length: 10 }, (_, i) => write(10 + i));
      await settle();
      held.calls[0]?.release();
      await blocker;
      await until(() => held.calls.length === 2);
      held.calls[1]?.release();
      await Promise.all(many);
      expect(held.calls).toHaveLength(2);
    } finally {
      held.restore();
    }
  });

  it('a write made through Kysely outside a write transaction (a statement that commits on its own) also resolves only after its flush', async () => {
    const held = heldFlushes(sync);
    try {
      let done = false;
      const expiry = store.expireIdempotency(Date.now() + 1).then(() => (done = true));
      await until(() => held.calls.length === 1);
      await settle();
      expect(done).toBe(false);
      held.calls[0]?.release();
      await expiry;
      expect(done).toBe(true);
    } finally {
      held.restore();
    }
  });
});

describe('a failed WAL flush', () => {
  it('fails the writes it covered and every later one, and the store reports itself unreachable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-walsync-fail-'));
    const store = (await openStore({ dataDir: dir })) as SqlStore;
    try {
      const sync = walSyncOf(store.db) as WalSync;
      expect((await store.health()).reachable).toBe(true);
      sync.datasync = async () => {
        throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
      };
      const covered = store.mutate(undefined, async (): Promise<StoredResult> => ({ status: 201, body: {} }));
      await expect(covered).rejects.toBeInstanceOf(WalSyncError);
      // A later flush that succeeds proves nothing (the kernel may have dropped the pages): still refused.
      sync.datasync = (file) => file.datasync();
      await expect(store.mutate(undefined, async (): Promise<StoredResult> => ({ status: 201, body: {} }))).rejects.toBeInstanceOf(WalSyncError);
      expect(await store.health()).toEqual({ reachable: false, pendingMigrations: [], detail: expect.stringMatching(/write-ahead log.*check the disk.*restart/) });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the WAL file made anew', () => {
  it('flushes the file now at the path, not the one held open before it was replaced; no file, nothing to flush', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ck-walsync-file-'));
    const path = join(dir, 'x.sqlite-wal');
    const sync = new WalSync(path);
    const flushed: number[] = [];
    sync.datasync = async (file) => {
      flushed.push((await file.stat()).ino);
      await file.datasync();
    };
    try {
      await sync.flush(); // no WAL yet: resolves, nothing flushed
      expect(flushed).toEqual([]);
      writeFileSync(path, 'one');
      await sync.flush();
      unlinkSync(path);
      writeFileSync(`${path}.tmp`, 'keeps the old inode number from being reused at once');
      writeFileSync(path, 'two');
      await sync.flush();
      expect(flushed).toHaveLength(2);
      expect(flushed[1]).not.toBe(flushed[0]);
      const { statSync } = await import('node:fs');
      expect(flushed[1]).toBe(statSync(path).ino);
    } finally {
      await sync.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('event streams and the WAL flush (SQLite)', () => {
  let t: TestServer;
  afterEach(async () => {
    await t?.close();
  });

  it('shows no event of a write before a flush that covers its commit, nor answers it', async () => {
    t = await startTestServer('sqlite');
    const store = t.server.store as SqlStore;
    const sync = walSyncOf(store.db) as WalSync;
    const headBefore = await store.lastEventSeq();
    const held = heldFlushes(sync);
    try {
      let answered = false;
      const token = await t.token('u-sb-handler');
      const created = t.api('POST', '/v1/complaints', { token, body: registration({ description: 'held by the flush' }), headers: { 'idempotency-key': 'walsync-stream-1' } }).then((r) => {
        answered = true;
        return r;
      });
      await until(() => held.calls.length >= 1);
      // Committed in the file; the head a stream reads up to (the feed reads to lastEventSeq) is
      // given only once a flush begun after it was read has completed.
      let head: number | undefined;
      const reading = store.lastEventSeq().then((h) => (head = h));
      await settle();
      expect(answered).toBe(false);
      expect(head).toBeUndefined();
      held.restore();
      for (const c of held.calls) c.release();
      // The read's own flush was asked for while the first one was held: it runs next, unheld.
      await reading;
      expect(head).toBeGreaterThan(headBefore);
      expect((await created).status).toBe(201);
    } finally {
      held.restore();
    }
  });
});
