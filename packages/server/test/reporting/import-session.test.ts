/**
 * The import session (`store/import-session.ts`): its SQLite settings hold while an import runs and
 * the connection's own come back afterwards, also when the import fails, so a service sharing the
 * store never runs with an import's cache, checkpoint interval or sort threads.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_PRAGMAS } from '../../src/store/import-session.js';
import { openStore } from '../../src/store/open-store.js';
import type { SqlStore } from '../../src/store/sql-store.js';

const dir = mkdtempSync(join(tmpdir(), 'ck-session-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('import session (sqlite)', () => {
  it('sets its pragmas while the import runs and restores the connection’s own after, also after a failure', async () => {
    const store = await openStore({ dataDir: dir });
    try {
      const db = (store as SqlStore).db;
      const read = async () => {
        const out: Record<string, unknown> = {};
        for (const name of Object.keys(IMPORT_PRAGMAS)) out[name] = Object.values((await sql<Record<string, unknown>>`pragma ${sql.raw(name)}`.execute(db)).rows[0] ?? {})[0];
        return out;
      };
      const own = await read();
      expect(own.threads).toBe(0);
      expect(await store.reporting.importSession(read)).toEqual(IMPORT_PRAGMAS);
      expect(await read()).toEqual(own);
      await expect(store.reporting.importSession(() => Promise.reject(new Error('interrupted')))).rejects.toThrow('interrupted');
      expect(await read()).toEqual(own);
    } finally {
      await store.close();
    }
  });
});
