import { afterEach, describe, expect, it } from 'vitest';
import {
  createOutbox,
  LocalStorageStorage,
  MemoryStorage,
  type Outbox,
  type OutboxItem,
  OutboxStorageError,
  OutboxValidationError,
} from '../../src/outbox.js';
import { complaintInput, FakeClientError, fakeNetwork, fakeService, MemoryWebStorage, until } from './helpers.js';

const open: Outbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((o) => o.close()));
});

function setUp(options: { online?: boolean; retry?: { baseMs: number; maxMs: number } } = {}) {
  const svc = fakeService();
  const net = fakeNetwork(options.online ?? false);
  const storage = new MemoryStorage();
  const outbox = createOutbox({
    client: svc.client,
    storage,
    isOnline: net.isOnline,
    onlineEvents: net.events,
    visibilityEvents: null,
    pollMs: 0,
    retry: options.retry ?? { baseMs: 20, maxMs: 40 },
  });
  open.push(outbox);
  return { svc, net, storage, outbox };
}

const survey = { complaintId: 'CK20260301-000042', answer: { reached: true, satisfaction: 5, decisionAccepted: true } };

describe('outbox: offline, then online', () => {
  it('keeps items queued in order while requests fail, then sends each once, in order, with the key made at add()', async () => {
    // A backoff longer than the test, so no timed retry can send while the queue is being inspected on
    // a loaded machine (a 20 ms backoff fired between flush() and list() there); online and flush() do not wait it out.
    const { svc, net, outbox } = setUp({ online: true, retry: { baseMs: 60_000, maxMs: 60_000 } });
    svc.online = false; // navigator says online, but every request fails (a WebView's usual lie)
    const a = await outbox.add('complaint', complaintInput(1));
    const b = await outbox.add('survey', survey);
    const c = await outbox.add('complaint', complaintInput(3));
    await outbox.flush();
    expect(svc.committed).toEqual([]);
    const waiting = await outbox.list();
    expect(waiting.map((i) => [i.id, i.state])).toEqual([
      [a.id, 'queued'],
      [b.id, 'queued'],
      [c.id, 'queued'],
    ]);
    expect(waiting[0]!.lastError?.code).toBe('network_error');
    expect(waiting[0]!.nextAttemptAt).toBeGreaterThan(Date.now() - 1);
    expect(a.id < b.id && b.id < c.id).toBe(true);

    svc.online = true;
    net.goOnline();
    await outbox.flush();
    expect(svc.committed.map((x) => x.key)).toEqual([a.id, b.id, c.id]);
    expect(svc.committed.map((x) => x.op)).toEqual(['create', 'followUp', 'create']);
    const done = await outbox.list();
    expect(done.map((i) => i.state)).toEqual(['sent', 'sent', 'sent']);
    expect(done[0]!.result).toEqual({ complaintId: 'CK20260301-000001' });
    expect(done[1]!.result).toEqual({ complaintId: survey.complaintId });
    // Every request of an item carried the same key: the one made when it was saved.
    for (const item of [a, b, c]) expect(new Set(svc.calls.filter((x) => x.key === item.id).map((x) => x.key)).size).toBe(1);
    await outbox.flush();
    expect(svc.committed).toHaveLength(3);
  });

  it('does not try while offline and sends when the online event fires', async () => {
    const { svc, net, outbox } = setUp();
    const a = await outbox.add('complaint', complaintInput(1));
    await outbox.flush();
    expect(svc.calls).toEqual([]);
    expect(outbox.snapshot().state).toMatchObject({ phase: 'offline', queued: 1, online: false });
    net.goOnline();
    await until(() => svc.committed.length === 1, 'the online event to send the item');
    await until(async () => (await outbox.list())[0]?.state === 'sent', 'the item to be marked sent');
    expect(svc.committed[0]!.key).toBe(a.id);
  });

  it('retries a retryable error by itself with backoff, keeping the key', async () => {
    const { svc, outbox } = setUp({ online: true });
    let failures = 2;
    svc.refuse = () => (failures-- > 0 ? new FakeClientError('The service is unavailable. It will be retried.', true, 503, 'internal') : undefined);
    const a = await outbox.add('complaint', complaintInput(1));
    await until(() => svc.committed.length === 1, 'the retry timer to send the item');
    expect(svc.calls.map((c) => c.key)).toEqual([a.id, a.id, a.id]);
    await until(async () => (await outbox.list())[0]?.attempts === 3, 'the attempts to be counted');
  });
  it('a flush() while an attempt is under way waits for it instead of making a second attempt', async () => {
    const { svc, outbox } = setUp({ online: true });
    svc.online = false;
    svc.latencyMs = 10;
    await outbox.add('complaint', complaintInput(1)); // starts an attempt
    await outbox.flush(); // joins it
    expect(svc.calls).toHaveLength(1);
    expect((await outbox.list())[0]).toMatchObject({ state: 'queued', attempts: 1 });
  });
});

describe('outbox: exactly once', () => {
  it('resends with the same key when the answer was lost after the service committed, and the service creates one complaint', async () => {
    const { svc, outbox } = setUp({ online: true });
    let lose = true;
    svc.loseResponse = () => {
      const l = lose;
      lose = false;
      return l;
    };
    const a = await outbox.add('complaint', complaintInput(1));
    await until(async () => (await outbox.list())[0]?.state === 'sent', 'the resend to succeed');
    expect(svc.calls.map((c) => c.key)).toEqual([a.id, a.id]);
    expect(svc.committed).toHaveLength(1);
    expect((await outbox.list())[0]!.result).toEqual({ complaintId: 'CK20260301-000001' });
  });
});

describe('outbox: one item per entry', () => {
  it('adding with the entry\'s id again (a double tap, a resubmit after a reload) returns the stored item and the service registers one complaint', async () => {
    const { svc, outbox, storage } = setUp({ online: false });
    const entry = outbox.newId();
    const first = await outbox.add('complaint', complaintInput(1), { id: entry });
    const again = await outbox.add('complaint', complaintInput(1), { id: entry });
    expect(first.id).toBe(entry);
    expect(again).toEqual(first);
    // A second outbox on the same device, as after a reload, finds the entry too.
    const reloaded = createOutbox({ client: svc.client, storage, isOnline: () => true, onlineEvents: null, visibilityEvents: null, pollMs: 0 });
    open.push(reloaded);
    expect((await reloaded.add('complaint', complaintInput(1), { id: entry })).id).toBe(entry);
    await until(async () => (await reloaded.list())[0]?.state === 'sent', 'the entry to be sent');
    expect(svc.committed).toHaveLength(1);
    expect((await reloaded.list()).map((i) => i.id)).toEqual([entry]);
  });

  it('newId() gives ids that sort after what is stored, and add() refuses an id that is not one', async () => {
    const { outbox } = setUp();
    const stored = await outbox.add('complaint', complaintInput(1));
    const next = outbox.newId();
    expect(next > stored.id).toBe(true);
    await expect(outbox.add('complaint', complaintInput(2), { id: 'not an id' })).rejects.toThrow(TypeError);
  });
});

describe('outbox: refusals', () => {
  it('parks a 4xx as failed with the reason, sends the later items, and retry(id) queues it again with its key', async () => {
    const { svc, outbox } = setUp({ online: true });
    svc.refuse = (call) =>
      call.op === 'followUp'
        ? new FakeClientError('The complaint is not waiting for a follow-up (invalid_transition).', false, 409, 'invalid_transition')
        : undefined;
    const a = await outbox.add('complaint', complaintInput(1));
    const b = await outbox.add('survey', survey);
    const c = await outbox.add('complaint', complaintInput(3));
    await outbox.flush();
    const items = await outbox.list();
    expect(items.map((i) => i.state)).toEqual(['sent', 'failed', 'sent']);
    expect(items[1]!.failure).toEqual({
      status: 409,
      code: 'invalid_transition',
      message: 'The complaint is not waiting for a follow-up (invalid_transition).',
    });
    expect(svc.committed.map((x) => x.key)).toEqual([a.id, c.id]);
    expect(outbox.snapshot().state.failed).toBe(1);

    svc.refuse = undefined;
    const again = await outbox.retry(b.id);
    expect(again).toMatchObject({ id: b.id, state: 'queued', failure: undefined });
    await outbox.flush();
    expect(svc.committed.map((x) => x.key)).toEqual([a.id, c.id, b.id]);
    expect((await outbox.list()).every((i) => i.state === 'sent')).toBe(true);
  });

  it('keeps the field errors of a 400, and retry(id, fixed) replaces the item with a new key', async () => {
    const { svc, outbox } = setUp({ online: true });
    svc.refuse = (call) =>
      call.description?.includes('#1')
        ? new FakeClientError('The service refused the request as invalid.', false, 400, 'validation_failed', [{ path: 'businessCategory', message: 'not allowed for this channel' }])
        : undefined;
    const a = await outbox.add('complaint', complaintInput(1));
    await outbox.flush();
    const [failed] = await outbox.list();
    expect(failed!.failure?.fields).toEqual([{ path: 'businessCategory', message: 'not allowed for this channel' }]);
    const fixed = await outbox.retry(a.id, complaintInput(2));
    expect(fixed.id).not.toBe(a.id);
    await outbox.flush();
    expect((await outbox.list()).map((i) => [i.id, i.state])).toEqual([[fixed.id, 'sent']]);
    expect(svc.committed.map((x) => x.key)).toEqual([fixed.id]);
  });

  it('pauses the queue on 401 (not the item\'s fault) and goes on after flush()', async () => {
    const { svc, outbox } = setUp({ online: true });
    let signedIn = false;
    svc.refuse = () => (signedIn ? undefined : new FakeClientError('Sign in again.', false, 401, 'unauthenticated'));
    await outbox.add('complaint', complaintInput(1));
    await outbox.flush();
    expect((await outbox.list())[0]!.state).toBe('queued');
    expect(outbox.snapshot().state).toMatchObject({ phase: 'paused', lastError: { status: 401 } });
    signedIn = true;
    await outbox.flush();
    expect((await outbox.list())[0]!.state).toBe('sent');
  });

  it('refuses an invalid payload at add() with the field errors and queues nothing', async () => {
    const { outbox, storage } = setUp();
    const bad = { ...complaintInput(1), description: '   ', complainant: { name: '张三', idNumber: '1234' } };
    const err = await outbox.add('complaint', bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboxValidationError);
    const paths = (err as OutboxValidationError).fields.map((f) => f.path).sort();
    expect(paths).toEqual(['complainant.idNumber', 'description']);
    // No personal data in the message: it names fields, never values.
    expect((err as Error).message).not.toContain('1234');
    expect((err as Error).message).not.toContain('张三');
    const survey400 = await outbox.add('survey', { complaintId: 'nope', answer: { reached: true } }).catch((e: unknown) => e);
    expect((survey400 as OutboxValidationError).fields.map((f) => f.path).sort()).toEqual(['answer.satisfaction', 'complaintId']);
    expect(await storage.list()).toEqual([]);
  });

  it('remove(id) discards a draft before it is sent', async () => {
    const { svc, net, outbox } = setUp();
    const a = await outbox.add('complaint', complaintInput(1));
    const b = await outbox.add('complaint', complaintInput(2));
    await outbox.remove(a.id);
    svc.online = true;
    net.online = true;
    await outbox.flush();
    expect(svc.committed.map((x) => x.key)).toEqual([b.id]);
  });
});

describe('outbox: observable state', () => {
  it('item$ goes queued → sending → sent and state$ goes offline → sending → idle', async () => {
    const { net, outbox } = setUp();
    const phases: string[] = [];
    const sub = outbox.state$.subscribe((s) => {
      if (phases.at(-1) !== s.phase) phases.push(s.phase);
    });
    const item = await outbox.add('complaint', complaintInput(1));
    const states: string[] = [];
    const seen: (OutboxItem | undefined)[] = [];
    outbox.item$(item.id).subscribe((i) => {
      seen.push(i);
      states.push(i?.state ?? 'gone');
    });
    net.online = true;
    await outbox.flush();
    expect(states).toEqual(['queued', 'sending', 'sent']);
    expect(seen[2]!.result?.complaintId).toBe('CK20260301-000001');
    expect(phases[0]).toBe('idle');
    expect(phases).toContain('offline');
    expect(phases.slice(phases.indexOf('sending'))).toEqual(['sending', 'idle']);
    let completed = false;
    outbox.items$.subscribe({ complete: () => (completed = true) });
    await outbox.close();
    expect(completed).toBe(true);
    sub.unsubscribe();
  });

  it('subscribe(listener) gets the current snapshot at once and every change', async () => {
    const { outbox } = setUp();
    const counts: number[] = [];
    const off = outbox.subscribe((s) => counts.push(s.state.queued));
    await outbox.add('complaint', complaintInput(1));
    off();
    await outbox.add('complaint', complaintInput(2));
    expect(counts[0]).toBe(0);
    expect(counts.at(-1)).toBe(1);
  });
});

describe('outbox: on the device', () => {
  it('an item just added stays in the snapshot while a slow read of the storage that started before it ends', async () => {
    const svc = fakeService();
    const inner = new MemoryStorage();
    const slow = {
      get: (id: string) => inner.get(id),
      put: (item: OutboxItem) => inner.put(item),
      delete: (id: string) => inner.delete(id),
      // An IndexedDB cursor over many items: the list comes back after the write below has finished.
      list: () => new Promise<OutboxItem[]>((resolve) => void inner.list().then((l) => setTimeout(() => resolve(l), 30))),
    };
    const outbox = createOutbox({ client: svc.client, storage: slow, isOnline: () => false, onlineEvents: null, visibilityEvents: null, pollMs: 0 });
    open.push(outbox);
    const seen: number[] = [];
    outbox.subscribe((s) => seen.push(s.items.length));
    await new Promise((r) => setTimeout(r, 40)); // start-up read done; the start-up pass is reading again now
    const item = await outbox.add('complaint', complaintInput(1));
    await new Promise((r) => setTimeout(r, 80));
    expect(outbox.snapshot().items.map((i) => i.id)).toEqual([item.id]);
    expect(seen.slice(seen.indexOf(1))).not.toContain(0); // the badge never flickers back to empty
  });

  it('add() resolves only once saved; a storage that refuses the write rejects it and nothing is queued', async () => {
    const svc = fakeService();
    const storage = new MemoryStorage();
    const full = {
      get: (id: string) => storage.get(id),
      delete: (id: string) => storage.delete(id),
      list: () => storage.list(),
      put: () => Promise.reject(new DOMException('quota', 'QuotaExceededError')),
    };
    const outbox = createOutbox({ client: svc.client, storage: full, isOnline: () => true, onlineEvents: null, visibilityEvents: null, pollMs: 0 });
    open.push(outbox);
    const err = await outbox.add('complaint', complaintInput(1)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboxStorageError);
    expect((err as Error).message).not.toContain('张三');
    await outbox.flush();
    expect(svc.calls).toEqual([]);
  });

  it('a damaged stored value is left alone and does not stall the queue', async () => {
    const svc = fakeService();
    const ls = new MemoryWebStorage();
    ls.setItem('ck:item:0190-damaged', '{"id": "0190-dam');
    const outbox = createOutbox({ client: svc.client, storage: new LocalStorageStorage({ namespace: 'ck', localStorage: ls }), isOnline: () => true, onlineEvents: null, visibilityEvents: null, pollMs: 0 });
    open.push(outbox);
    const a = await outbox.add('complaint', complaintInput(1));
    await outbox.flush();
    expect(svc.committed.map((c) => c.key)).toEqual([a.id]);
    expect(ls.getItem('ck:item:0190-damaged')).toBe('{"id": "0190-dam');
  });

  it('deletes a sent item (and its personal data) from the device after retainSentMs', async () => {
    let t = Date.now();
    const svc = fakeService();
    const storage = new MemoryStorage();
    const outbox = createOutbox({ client: svc.client, storage, isOnline: () => true, onlineEvents: null, visibilityEvents: null, pollMs: 0, retainSentMs: 60_000, now: () => t });
    open.push(outbox);
    await outbox.add('complaint', complaintInput(1));
    await outbox.flush();
    expect((await storage.list()).map((i) => i.state)).toEqual(['sent']);
    t += 60_001;
    await outbox.flush();
    expect(await storage.list()).toEqual([]);
  });

  it('a visible page flushes at once, without waiting out the backoff', async () => {
    const svc = fakeService();
    svc.online = false;
    const page = Object.assign(new EventTarget(), { visibilityState: 'hidden' });
    const outbox = createOutbox({ client: svc.client, storage: new MemoryStorage(), isOnline: () => true, onlineEvents: null, visibilityEvents: page, pollMs: 0, retry: { baseMs: 600_000 } });
    open.push(outbox);
    await outbox.add('complaint', complaintInput(1));
    await until(() => svc.calls.length === 1, 'the first attempt');
    svc.online = true;
    page.visibilityState = 'visible';
    page.dispatchEvent(new Event('visibilitychange'));
    await until(() => svc.committed.length === 1, 'the visible page to send the item');
  });
});
