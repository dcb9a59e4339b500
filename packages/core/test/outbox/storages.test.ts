import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  createLeaseLock,
  createOutbox,
  IndexedDBStorage,
  LocalStorageStorage,
  MemoryLeaseStore,
  MemoryStorage,
  type Outbox,
  type OutboxStorage,
} from '../../src/outbox.js';
import { FileStorage } from '../../src/outbox-node.js';
import { complaintInput, dyingBeforeMarkingSent, fakeNetwork, fakeService, MemoryWebStorage, until } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});
const open: Outbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

/**
 * Each kind of storage as a "device": `open()` gives a new storage object on the same persisted
 * data, as an app gets after a reload (or a second tab / process gets alongside the first).
 */
const devices: Record<string, () => Promise<() => OutboxStorage>> = {
  'memory (shared instance)': async () => {
    const shared = new MemoryStorage();
    return () => shared;
  },
  localStorage: async () => {
    const ls = new MemoryWebStorage();
    return () => new LocalStorageStorage({ namespace: 'ck-test', localStorage: ls });
  },
  IndexedDB: async () => {
    const factory = new IDBFactory();
    return () => new IndexedDBStorage({ name: 'ck-test', indexedDB: factory });
  },
  'file (FileStorage)': async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-outbox-'));
    dirs.push(dir);
    return () => new FileStorage(join(dir, 'outbox'));
  },
};

describe.each(Object.entries(devices))('%s', (_name, makeDevice) => {
  const outboxOn = (storage: OutboxStorage, svc: ReturnType<typeof fakeService>, net: ReturnType<typeof fakeNetwork>, extra = {}) => {
    const o = createOutbox({ client: svc.client, storage, isOnline: net.isOnline, onlineEvents: net.events, visibilityEvents: null, pollMs: 0, ...extra });
    open.push(o);
    return o;
  };

  it('after a reload, replays the queue once, in order, with the keys made before the reload', async () => {
    const device = await makeDevice();
    const svc = fakeService();
    const before = outboxOn(device(), svc, fakeNetwork(false));
    const added = [];
    for (let n = 1; n <= 4; n++) added.push(await before.add('complaint', complaintInput(n)));
    await before.close();

    const net = fakeNetwork(false);
    const after = outboxOn(device(), svc, net);
    expect((await after.list()).map((i) => [i.id, i.state])).toEqual(added.map((i) => [i.id, 'queued']));
    net.goOnline();
    await after.flush();
    expect(svc.committed.map((c) => c.key)).toEqual(added.map((i) => i.id));
    expect(svc.committed.map((c) => c.description)).toEqual(['#1', '#2', '#3', '#4'].map((n) => `信用卡年费未经告知被扣收 ${n}`));

    // A further reload sends nothing again.
    await after.close();
    const later = outboxOn(device(), svc, fakeNetwork(true));
    await later.flush();
    expect(svc.calls).toHaveLength(4);
    expect((await later.list()).map((i) => i.state)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });

  it('a crash after the service accepted, before the item was marked sent, resends with the same key', async () => {
    const device = await makeDevice();
    const svc = fakeService();
    // The first app instance "dies" while writing `sent`; its own lock dies with it.
    const dying = outboxOn(dyingBeforeMarkingSent(device()), svc, fakeNetwork(true), {
      lock: createLeaseLock(new MemoryLeaseStore()),
      autoStart: false,
    });
    const a = await dying.add('complaint', complaintInput(1));
    await until(() => svc.committed.length === 1, 'the service to accept the first request');
    open.splice(open.indexOf(dying), 1); // never closed: it is dead

    const restarted = outboxOn(device(), svc, fakeNetwork(true));
    expect((await restarted.list())[0]).toMatchObject({ id: a.id, state: 'sending' });
    await restarted.flush();
    expect(svc.calls.map((c) => c.key)).toEqual([a.id, a.id]);
    expect(svc.committed).toHaveLength(1);
    expect((await restarted.list())[0]).toMatchObject({ id: a.id, state: 'sent', result: { complaintId: 'CK20260301-000001' } });
  });

  it('two outboxes on the same storage flushing at the same time never both send an item', async () => {
    const device = await makeDevice();
    const svc = fakeService();
    svc.latencyMs = 15;
    const netA = fakeNetwork(false);
    const netB = fakeNetwork(false);
    const a = outboxOn(device(), svc, netA);
    const b = outboxOn(device(), svc, netB);
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) ids.push((await a.add('complaint', complaintInput(n))).id);
    for (let n = 4; n <= 6; n++) ids.push((await b.add('complaint', complaintInput(n))).id);
    netA.online = true;
    netB.online = true;
    await Promise.all([a.flush(), b.flush(), a.flush(), b.flush()]);
    await until(async () => (await a.list()).every((i) => i.state === 'sent'), 'every item to be sent', 10_000);
    const keys = svc.calls.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length); // no item was sent twice
    expect(keys).toEqual(ids); // and the queue order held
  });
});

describe.each([
  ['memory (shared instance)', devices['memory (shared instance)']!],
  ['IndexedDB (BroadcastChannel)', devices.IndexedDB!],
])('%s: another tab', (_name, makeDevice) => {
  it("sends an item another (offline) tab saved, and that tab sees it sent without polling", async () => {
    const device = await makeDevice();
    const svc = fakeService();
    const outboxOf = (online: boolean) => {
      const o = createOutbox({ client: svc.client, storage: device(), isOnline: () => online, onlineEvents: null, visibilityEvents: null, pollMs: 0 });
      open.push(o);
      return o;
    };
    const online = outboxOf(true);
    const offline = outboxOf(false);
    await online.flush();
    const states: string[] = [];
    const item = await offline.add('complaint', complaintInput(1));
    offline.item$(item.id).subscribe((i) => states.push(i?.state ?? 'gone'));
    await until(() => svc.committed.length === 1, 'the online tab to send the offline tab\'s item');
    await until(() => states.at(-1) === 'sent', 'the offline tab to see the item sent');
    expect(svc.committed.map((c) => c.key)).toEqual([item.id]);
  });
});

describe('FileStorage on disk', () => {
  it('writes each item to its own file through a temporary file, and ignores a temporary file left by a crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-outbox-'));
    dirs.push(dir);
    const { readdir, writeFile } = await import('node:fs/promises');
    const svc = fakeService();
    const outbox = createOutbox({ client: svc.client, storage: new FileStorage(dir), isOnline: () => false, onlineEvents: null, visibilityEvents: null, pollMs: 0 });
    open.push(outbox);
    const a = await outbox.add('complaint', complaintInput(1));
    await writeFile(join(dir, `.${a.id}.crash.tmp`), '{"id":"half'); // a write that never reached its rename
    expect((await readdir(dir)).filter((n) => n.endsWith('.json'))).toEqual([`${a.id}.json`]);
    const again = new FileStorage(dir);
    expect((await again.list()).map((i) => [i.id, i.state])).toEqual([[a.id, 'queued']]);
  });
});
