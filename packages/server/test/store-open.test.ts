/**
 * Opening a store reads no whole table on a database already current: at 1,000,000 complaints two
 * `count(*)` (complaints, complaint_facts) took about a second each of every start-up. The facts are
 * still rebuilt when they are missing: after an upgrade (compared in full) or when the newest
 * complaint has none (a database whose facts were lost or never written).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/connect.js';
import { silentLogger, startServer } from '../src/index.js';
import { SqlStore } from '../src/store/sql-store.js';
import { FIXTURE_BANK, registration } from './helpers/fixture-bank.js';
import { BACKENDS, freshDatabase } from './helpers/harness.js';

/** A plugin keeping every statement's tree (as JSON) that runs through it. */
function recorder(seen: string[]): KyselyPlugin {
  return {
    transformQuery: ({ node }) => {
      seen.push(JSON.stringify(node, (_, v) => (typeof v === 'bigint' ? String(v) : v)));
      return node;
    },
    transformResult: async ({ result }) => result,
  };
}

describe.each(BACKENDS)('opening a store (%s)', (backend) => {
  let dataDir: string;
  let where: { dataDir: string; databaseUrl?: string };
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ck-open-'));
    where = backend === 'postgres' ? { dataDir, databaseUrl: await freshDatabase() } : { dataDir };
    const server = await startServer({ port: 0, ...where, jwtSecret: 'open-secret-0123456789abcdef', logger: silentLogger });
    try {
      await server.store.importDemoBank(FIXTURE_BANK);
      const token = await server.issueToken({ sub: 'u-ot-handler', kind: 'staff', role: 'handler', org: 'OT-440305' }, '1h');
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${server.url}/v1/complaints`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(registration({ description: `open-${i}` })),
        });
        expect(res.status).toBe(201);
      }
    } finally {
      await server.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** Opens the store again, recording its statements; returns them and the store. */
  async function reopen() {
    const { db, kind } = openDatabase(where);
    const seen: string[] = [];
    const store = new SqlStore(db.withPlugin(recorder(seen)), kind);
    await store.migrate();
    return { store, seen };
  }

  it('counts no table when the database is current', async () => {
    const { store, seen } = await reopen();
    try {
      // The recorder sees the open's statements (the migrator's reads of its own tables at least).
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((s) => /"func":"count"|count\(/i.test(s))).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('still rebuilds the facts of a database that has none', async () => {
    let { store } = await reopen();
    const complaints = await store.db.selectFrom('complaints').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(complaints.n)).toBeGreaterThan(0);
    await store.db.deleteFrom('complaint_facts').execute();
    await store.close();
    ({ store } = await reopen());
    try {
      const facts = await store.db.selectFrom('complaint_facts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(facts.n)).toBe(Number(complaints.n));
    } finally {
      await store.close();
    }
  });
});
