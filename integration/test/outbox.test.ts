import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createComplaintClient } from '@complaintkit/core';
import { createOutbox, type Outbox, type OutboxItem } from '@complaintkit/core/outbox';
import { FileStorage } from '@complaintkit/core/outbox/node';
import { firstValueFrom, filter } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../src/fault-proxy.js';
import { complaintInput, startService } from '../src/fixture.js';

// A Node app instance with a file-backed outbox: items saved while offline survive a restart and
// reach the real service exactly once, in order, even through a lossy network.
let svc: Awaited<ReturnType<typeof startService>>;
let dir: string;
beforeAll(async () => {
  svc = await startService();
  dir = mkdtempSync(join(tmpdir(), 'ck-outbox-'));
});
afterAll(async () => {
  await svc?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const allSent = (outbox: Outbox, n: number) =>
  firstValueFrom(outbox.items$.pipe(filter((items) => items.length >= n && items.every((i) => i.state === 'sent' || i.state === 'failed'))));

describe('the offline outbox against the real service', () => {
  it('saves while offline, survives a restart, then sends each item exactly once and in order', async () => {
    // A responded complaint for the survey answer.
    const handler = svc.client('handler');
    const c = await svc.client('customer').complaints.create(complaintInput(900));
    await handler.complaints.accept(c.id, {});
    await handler.complaints.start(c.id, {});
    await handler.complaints.respond(c.id, {
      outcome: 'upheld', basis: '章程', remediesOffered: ['review'], notifiedVia: 'app', notifiedAt: new Date().toISOString(),
    });

    // Offline: the app points at a port where nothing listens.
    const offlineClient = createComplaintClient({ baseUrl: 'http://127.0.0.1:9', token: svc.tokens.customer, maxRetries: 0 });
    const first = createOutbox({ client: offlineClient, storage: new FileStorage(dir), isOnline: () => false, autoStart: false });
    const saved: OutboxItem[] = [];
    for (let i = 0; i < 5; i++) saved.push(await first.add('complaint', complaintInput(1000 + i)));
    saved.push(await first.add('survey', { complaintId: c.id, answer: { reached: true, satisfaction: 5, decisionAccepted: true } }));
    await first.flush();
    expect((await first.list()).map((i) => i.state)).toEqual(Array(6).fill('queued'));
    await first.close(); // the app is killed

    // Restart, online again, through a network that loses a third of the answers after the service answered.
    const proxy = await startFaultProxy({ target: svc.server.url, dropRate: 0.35, resetRate: 0.05, seed: 7 });
    try {
      const onlineClient = createComplaintClient({ baseUrl: proxy.url, token: svc.tokens.customer, maxRetries: 0 });
      const second = createOutbox({
        client: onlineClient,
        storage: new FileStorage(dir),
        isOnline: () => true,
        retry: { baseMs: 5, maxMs: 20 },
      });
      const items = await allSent(second, 6);
      await second.close();

      expect(items.map((i) => i.id)).toEqual(saved.map((i) => i.id)); // order and keys kept across the restart
      expect(items.every((i) => i.state === 'sent')).toBe(true);
    } finally {
      await proxy.close();
    }

    // The service holds each complaint once, registered in the order they were saved.
    const mine: { id: string; description: string }[] = [];
    for await (const x of svc.client('customer').complaints.list({ limit: 100 })) mine.push(x);
    const offline = mine.filter((x) => /第 10\d\d 笔/.test(x.description)).reverse(); // list is newest first
    expect(offline.map((x) => x.description)).toEqual([0, 1, 2, 3, 4].map((i) => complaintInput(1000 + i).description));
    const answered = await svc.client('customer').complaints.get(c.id);
    expect(answered.status).toBe('followed_up');
    expect(answered.timeline.filter((e) => e.type === 'follow_up')).toHaveLength(1);
  });
});
