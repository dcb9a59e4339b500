import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../src/fault-proxy.js';
import { complaintInput, startService } from '../src/fixture.js';

// A proxy in front of the real service drops ~30% of answers after the service has answered (and
// committed) and resets ~5% of connections before forwarding. The client's retries, with an
// Idempotency-Key made once per call, must still give exactly one complaint per creation and exactly
// one event per transition.
const N = 1000;
const CONCURRENCY = 8;

let svc: Awaited<ReturnType<typeof startService>>;
let proxy: Awaited<ReturnType<typeof startFaultProxy>>;
beforeAll(async () => {
  svc = await startService();
  proxy = await startFaultProxy({ target: svc.server.url, dropRate: 0.3, resetRate: 0.05, seed: 20261129 });
});
afterAll(async () => {
  await proxy?.close();
  await svc?.stop();
});

/** Runs `task(i)` for i in 0..n-1 with a fixed number of workers. */
async function pool(n: number, task: (i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

const flakyClient = (role: 'frontline' | 'handler') =>
  svc.client(role, {
    baseUrl: proxy.url,
    maxRetries: 25,
    retry: { initialDelayMs: 1, maxDelayMs: 20 },
    timeout: 10_000,
  });

describe('exactly once through a lossy network', () => {
  const created: string[] = [];

  it(`creates ${N} complaints: none lost, none doubled`, async () => {
    const client = flakyClient('frontline');
    await pool(N, async (i) => {
      const c = await client.complaints.create(complaintInput(i));
      created[i] = c.id;
    });
    expect(proxy.stats.droppedAfterAnswer).toBeGreaterThan(N * 0.15);
    expect(proxy.stats.resetBeforeForward).toBeGreaterThan(0);

    // Count what the service holds, through the unaffected service address.
    const ids: string[] = [];
    const descriptions = new Set<string>();
    for await (const c of svc.client('manager').complaints.list({ limit: 100 })) {
      ids.push(c.id);
      descriptions.add(c.description);
    }
    expect(ids).toHaveLength(N);
    expect(new Set(ids).size).toBe(N);
    expect(descriptions.size).toBe(N);
    expect(new Set(created)).toEqual(new Set(ids));
  });

  it(`applies ${N} transitions: each exactly once`, async () => {
    const front = flakyClient('frontline');
    await pool(N, async (i) => {
      const c = await front.complaints.accept(created[i] as string, { note: `核实 ${i}` });
      expect(c.status).toBe('accepted');
    });
    const manager = svc.client('manager');
    let accepted = 0;
    for await (const c of manager.complaints.list({ status: ['accepted'], limit: 100 })) {
      accepted++;
      // Stream items are masked summaries; the timeline is on the full record.
      const full = await manager.complaints.get(c.id);
      expect(full.timeline.filter((e) => e.type === 'accept')).toHaveLength(1);
      expect(full.version).toBe(2);
    }
    expect(accepted).toBe(N);
  });
});
