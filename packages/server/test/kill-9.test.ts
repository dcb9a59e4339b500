import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueToken } from '../src/index.js';
import { type ChildServer, startChildServer } from './helpers/child.js';
import { FIXTURE_BANK, registration } from './helpers/fixture-bank.js';
import { BACKENDS, freshDatabase } from './helpers/harness.js';

const secret = 'kill9-secret-0123456789abcdef';

/**
 * Issue #11: kill -9 in the middle of a write load loses no acknowledged write. The service runs in a
 * child process (the built package); 8 clients register complaints and accept half of them; the
 * process is SIGKILLed mid-load and started again on the same database.
 */
describe.each(BACKENDS)('kill -9 during load (%s)', (backend) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ck-kill9-'));
  let child: ChildServer | undefined;
  afterAll(async () => {
    await child?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('has every acknowledged write after a restart, and an unanswered one retried with its key is made once', async () => {
    const databaseUrl = backend === 'postgres' ? await freshDatabase() : undefined;
    // One token sends every write: this is about durability, not the per-caller rate limits.
    const limits = { writes: { perSecond: 1e9, burst: 1e9 }, reads: { perSecond: 1e9, burst: 1e9 } };
    const options = { dataDir, jwtSecret: secret, limits, ...(databaseUrl && { databaseUrl }) };
    child = await startChildServer({ ...options, bank: FIXTURE_BANK });
    const token = await issueToken({ sub: 'u-sb-handler', kind: 'staff', role: 'handler', org: 'SB-4403' }, secret, '1h');
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const url = child.url;

    const created = new Map<string, string>(); // key → complaint id, acknowledged
    const accepted = new Set<string>(); // complaint ids whose accept was acknowledged
    const unanswered = new Set<string>(); // keys of creations in flight when the process died
    let n = 0;
    let dead = false;
    const client = async () => {
      while (!dead) {
        const key = `kill9-${backend}-${n++}`;
        unanswered.add(key);
        try {
          const res = await fetch(`${url}/v1/complaints`, { method: 'POST', headers: { ...headers, 'idempotency-key': key }, body: JSON.stringify(registration({ description: `kill9 marker ${key}` })) });
          if (res.status !== 201) throw new Error(`create answered ${res.status}`);
          const id = ((await res.json()) as { id: string }).id;
          unanswered.delete(key);
          created.set(key, id);
          if (n % 2 === 0) {
            const acc = await fetch(`${url}/v1/complaints/${id}/accept`, { method: 'POST', headers, body: '{}' });
            if (acc.status === 200) {
              await acc.arrayBuffer();
              accepted.add(id);
            }
          }
        } catch (e) {
          if (!dead) throw e;
        }
      }
    };
    const clients = Array.from({ length: 8 }, client);
    while (created.size < 120) await new Promise((r) => setTimeout(r, 20));
    dead = true;
    await child.kill();
    await Promise.all(clients);
    expect(child.process.signalCode).toBe('SIGKILL');

    child = await startChildServer(options);
    const again = child.url;
    for (const [key, id] of created) {
      const res = await fetch(`${again}/v1/complaints/${id}`, { headers });
      expect(res.status, `acknowledged ${id} (${key}) is missing`).toBe(200);
      const c = (await res.json()) as { description: string; status: string };
      expect(c.description).toBe(`kill9 marker ${key}`);
      if (accepted.has(id)) expect(c.status).toBe('accepted');
    }
    // What was in flight either committed or did not: its retry with the same key makes it exactly once.
    for (const key of unanswered) {
      const res = await fetch(`${again}/v1/complaints`, { method: 'POST', headers: { ...headers, 'idempotency-key': key }, body: JSON.stringify(registration({ description: `kill9 marker ${key}` })) });
      expect(res.status).toBe(201);
    }
    const system = await issueToken({ sub: 'sys-import', kind: 'system' }, secret, '1h');
    let total = 0;
    for (let cursor: string | null = ''; cursor !== null; ) {
      const page: Response = await fetch(`${again}/v1/complaints?limit=100&q=kill9%20marker${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${system}` } });
      const body = (await page.json()) as { data: unknown[]; nextCursor: string | null };
      total += body.data.length;
      cursor = body.nextCursor;
    }
    expect(total).toBe(created.size + unanswered.size);
  }, 120_000);
});
