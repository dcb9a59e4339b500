import { type Kysely, type Migration, sql } from 'kysely';
import { decodeHandling, encodeHandling, parseHandling } from '../reports/handling-quantiles.js';
import { isPostgres } from './is-postgres.js';

/** @internal the pre-aggregate tables with a handling list, and their period column. */
const TABLES = [
  ['report_cells', 'day'],
  ['report_months', 'month'],
] as const;

/** @internal rows per insert (SQLite allows 32,766 parameters a statement; a row has 25 columns). */
const BATCH = 1_000;

type Row = Record<string, unknown>;

/**
 * @internal SQLite: rewrites every decided row's handling list of one encoding into the other, a
 * dimension set and calendar month at a time, each in its own savepoint (run outside a transaction,
 * a rerun after an interruption converts only what is left: rows are picked by their stored type).
 */
async function convertSqlite(db: Kysely<unknown>, to: 'blob' | 'text'): Promise<void> {
  const from = to === 'blob' ? 'text' : 'blob';
  const convert = (h: unknown) =>
    to === 'blob' ? Buffer.from(encodeHandling(parseHandling([String(h)]))) : [...decodeHandling([h as Uint8Array])].join(',');
  for (const [table, period] of TABLES) {
    const t = sql.table(table);
    const p = sql.ref(period);
    let dims: string | null = null;
    for (;;) {
      const next: { d: string | null } | undefined = (
        await sql<{ d: string | null }>`select min(dims) as d from ${t} where ${dims === null ? sql`1 = 1` : sql`dims > ${dims}`}`.execute(db)
      ).rows[0];
      if (next?.d === null || next?.d === undefined) break;
      dims = next.d;
      const span = (await sql<{ lo: string | null; hi: string | null }>`select min(${p}) as lo, max(${p}) as hi from ${t} where dims = ${dims} and pop = 'decided'`.execute(db))
        .rows[0];
      if (!span?.lo || !span.hi) continue;
      for (let month = span.lo.slice(0, 7); month <= span.hi.slice(0, 7); month = nextMonth(month)) {
        const where = sql`dims = ${dims} and pop = 'decided' and ${p} >= ${month} and ${p} <= ${`${month}-99`} and typeof(handling) = ${from}`;
        // A savepoint, not a transaction: `migrateToLatest` runs the migrations inside one on SQLite.
        await sql`savepoint ck_0020`.execute(db);
        try {
          const { rows } = await sql<Row>`select * from ${t} where ${where}`.execute(db);
          if (rows.length > 0) await sql`delete from ${t} where ${where}`.execute(db);
          for (let i = 0; i < rows.length; i += BATCH) {
            const batch = rows.slice(i, i + BATCH).map((r) => ({ ...r, handling: convert(r.handling) }));
            await (db as Kysely<Record<string, Row>>).insertInto(table).values(batch).execute();
          }
          await sql`release ck_0020`.execute(db);
        } catch (error) {
          await sql`rollback to ck_0020`.execute(db);
          await sql`release ck_0020`.execute(db);
          throw error;
        }
      }
    }
  }
}

/** @internal the month after `YYYY-MM`. */
function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Migration 0020_handling_binary: the pre-aggregates' handling lists stored binary instead of as text. */
export const migration: Migration = {
  // Reporting at scale (docs/domain/metrics.md, handling time): the decided rows of `report_cells` and
  // `report_months` keep every handling time so that the p50 and p90 stay exact. As comma-separated
  // text, a year of a 1M-complaint bank (520,848 times, 5.3 MB) was parsed digit by digit on every
  // report: most of that report's time. Binary (8 big-endian bytes a time: SQLite's
  // `unhex(printf('%016x', ms))`, PostgreSQL's `int8send(ms)`) the lists still concatenate in SQL and
  // are read at memory speed. Every list of an existing database is converted here, values unchanged.
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) return convertSqlite(db, 'blob');
    await sql`create function pg_temp.ck_handling_binary(list text) returns bytea language sql immutable
      as $$ select string_agg(int8send(v::bigint), ''::bytea) from unnest(string_to_array(list, ',')) v $$`.execute(db);
    for (const [table] of TABLES) {
      await sql`alter table ${sql.table(table)} alter column handling type bytea using pg_temp.ck_handling_binary(handling)`.execute(db);
    }
    await sql`drop function pg_temp.ck_handling_binary(text)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    if (!isPostgres(db)) return convertSqlite(db, 'text');
    await sql`create function pg_temp.ck_handling_text(list bytea) returns text language sql immutable
      as $$ select string_agg(('x' || encode(substr(list, i, 8), 'hex'))::bit(64)::bigint::text, ',' order by i)
        from generate_series(1, length(list), 8) i $$`.execute(db);
    for (const [table] of TABLES) {
      await sql`alter table ${sql.table(table)} alter column handling type text using pg_temp.ck_handling_text(handling)`.execute(db);
    }
    await sql`drop function pg_temp.ck_handling_text(bytea)`.execute(db);
  },
};
