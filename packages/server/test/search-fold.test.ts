/**
 * `q` finds text whatever width it was typed in, both ways: a half-width word finds text stored
 * full-width (`coffee` → `ｃｏｆｆｅｅ`, `123` → `１２３`), as a full-width word already found
 * half-width text. Stored text is folded with NFKC (0030 refills it for complaints stored before), and
 * 0030's `down` puts the text the previous release searched back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger, startServer } from '../src/index.js';
import { openDatabase } from '../src/store/connect.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { foldedSearchText } from '../src/store/migrations/0030_search_text_nfkc.js';
import { searchTextOf } from '../src/store/rows.js';
import { FIXTURE_BANK, registration } from './helpers/fixture-bank.js';
import { BACKENDS, freshDatabase } from './helpers/harness.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe.each(BACKENDS)('searching text stored full-width (%s)', (backend) => {
  it('finds it by half-width words, before and after 0030 is taken back and run again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ck-fold-'));
    dirs.push(dataDir);
    const databaseUrl = backend === 'postgres' ? await freshDatabase() : undefined;
    const start = () => startServer({ port: 0, dataDir, databaseUrl, jwtSecret: 'test-secret-0123456789abcdef', logger: silentLogger, alertEveryMs: 0 });
    let server = await start();
    await server.store.importDemoBank(FIXTURE_BANK);
    const token = await server.issueToken({ sub: 'sys-import', kind: 'system' });
    const search = async (q: string): Promise<string[]> => {
      const res = await fetch(`${server.url}/v1/complaints?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { id: string }[] }).data.map((c) => c.id);
    };
    const res = await fetch(`${server.url}/v1/complaints`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(registration({ description: '在 ＳＴＡＲ ｃｏｆｆｅｅ 刷卡 １２３ 元被扣两次', requestedResolution: '退还 ＦＥＥ' })),
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    for (const q of ['coffee', 'COFFEE', 'ｃｏｆｆｅｅ', '123', '１２３', 'star coffee', 'fee']) expect([q, await search(q)]).toEqual([q, [id]]);
    await server.close();

    // Taken back, the text is what the previous release stored (lower case only) ...
    const migrator = (db: Kysely<unknown>) => new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS }, allowUnorderedMigrations: true });
    const { db } = openDatabase({ dataDir, databaseUrl });
    const textOf = async () => (await sql<{ search_text: string }>`select search_text from complaints where id = ${id}`.execute(db)).rows[0]?.search_text;
    try {
      // To the migration before 0030: any later ones come down first (none today), 0030 last.
      const down = await migrator(db as Kysely<unknown>).migrateTo('0029_sqlite_first_result_in_window');
      expect(down.error).toBeUndefined();
      expect(down.results?.every((r) => r.direction === 'Down' && r.status === 'Success')).toBe(true);
      expect(down.results?.at(-1)?.migrationName).toBe('0030_search_text_nfkc');
      expect(await textOf()).toBe(`${id.toLowerCase()}\n在 ｓｔａｒ ｃｏｆｆｅｅ 刷卡 １２３ 元被扣两次\n退还 ｆｅｅ`);
    } finally {
      await db.destroy();
    }
    // ... and the next start folds it again.
    server = await start();
    try {
      for (const q of ['coffee', '123']) expect([q, await search(q)]).toEqual([q, [id]]);
    } finally {
      await server.close();
    }
  });
});

describe('the search text 0030 writes', () => {
  it('is the one the service writes, phone numbers in compatibility digits redacted too', () => {
    const c = { ...registration({ description: 'ＡＢＣ ① 电话１３９１１１１２２２２', requestedResolution: 'ﬁx' }), id: 'CK20260301-000001' } as never;
    expect(searchTextOf(c)).toBe(foldedSearchText(c));
    expect(searchTextOf(c)).toBe('ck20260301-000001\nabc 1 电话139****2222\nfix');
  });
});
