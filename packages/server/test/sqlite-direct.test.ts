/**
 * On SQLite, statements outside a write transaction run straight on better-sqlite3 (skipping Kysely's
 * connection mutex) when nothing else holds the one connection. Another Kysely transaction (a report
 * refresh, an import batch, a directory load) holds it too: a statement run straight on the file then
 * would land inside that transaction and see what it has not committed. It must wait instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledOnce } from '../src/store/compiled-once.js';
import { openDatabase } from '../src/store/connect.js';
import type { Database } from '../src/store/schema.js';

describe('statements run straight on the SQLite file', () => {
  let dataDir: string;
  let db: Kysely<Database>;
  const count = () => compiledOnce<{ n: number }>(db, 'probe count', [], () => CompiledQuery.raw('select count(*) as n from probe', []));
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ck-direct-'));
    db = openDatabase({ dataDir }).db;
    await sql`create table probe (x integer)`.execute(db);
  });
  afterAll(async () => {
    await db?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('never read what another transaction has not committed: they wait for it to end', async () => {
    let during: Promise<{ rows: { n: number }[] }> | undefined;
    await db
      .transaction()
      .execute(async (tx) => {
        await sql`insert into probe values (1)`.execute(tx);
        during = count();
        throw new Error('roll back');
      })
      .catch(() => {});
    expect((await during)?.rows[0]?.n).toBe(0);
  });

  it('run at once when nothing holds the connection', async () => {
    await sql`insert into probe values (2)`.execute(db);
    expect((await count()).rows[0]?.n).toBe(1);
  });
});
