import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/**
 * The pre-aggregate tables whose rows PostgreSQL keeps in their key's order (`cluster … using` their
 * primary key), in the order a report reads them: a dimension set, its populations, a range of days
 * or months. @internal
 */
export const CLUSTERED_AGGREGATES = ['report_cells', 'report_months', 'report_roots'] as const;

/** Migration 0025_cells_in_key_order: on PostgreSQL, the pre-aggregates rewritten in their key's order. */
export const migration: Migration = {
  // Reporting at scale on PostgreSQL (bench/results/reports-and-import.md, "PostgreSQL at 1,000,000"): SQLite keeps
  // report_cells and report_months in key order (`without rowid`); PostgreSQL keeps rows where they
  // were inserted, and the recomputation after an import inserts them in hash-aggregate order, so the
  // 25,232 cells of one month of B × region (an alert rule's read) lay on 10,974 heap pages, one page
  // per row read. Rewritten in key order they lie on a few hundred. The whole recomputation now
  // inserts in key order (store/reports/cells.ts); this rewrites what earlier ones left. Nothing is
  // added, changed or lost (CLUSTER rewrites the same rows and rebuilds the indexes). SQLite: nothing
  // to do. At 1M complaints (3.7 GB of pre-aggregates) it takes minutes, once, holding the tables locked.
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    for (const table of CLUSTERED_AGGREGATES) {
      // Migrations run unordered: a table an earlier-numbered migration has yet to make is skipped
      // (that migration fills it from report_cells, and the next whole recomputation orders it).
      const { rows } = await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db);
      if (!rows[0]?.t) continue;
      await sql`cluster ${sql.ref(table)} using ${sql.ref(`${table}_pk`)}`.execute(db);
      await sql`analyze ${sql.ref(table)}`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    // The row order is not part of the schema: nothing to undo (a later recomputation may reorder).
    if (!isPostgres(db)) return;
    for (const table of CLUSTERED_AGGREGATES) await sql`alter table if exists ${sql.ref(table)} set without cluster`.execute(db);
  },
};
