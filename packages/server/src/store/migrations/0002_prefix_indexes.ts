import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/** Migration 0002_prefix_indexes: PostgreSQL prefix indexes for subtree and region filters. */
export const migration: Migration = {
  // Subtree visibility and the region filter are `LIKE 'prefix%'` queries. PostgreSQL's btree
  // indexes serve those only with text_pattern_ops (under any collation but C), so this is
  // PostgreSQL's alone. (SQLite's case-insensitive `like` reads no index of these BINARY columns:
  // 0027b drops its plain ones from 0001.)
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    for (const [table, col] of [
      ['complaints', 'handling_org_path'],
      ['complaints', 'first_org_path'],
      ['complaints', 'region_code'],
      ['organisations', 'path'],
    ] as const) {
      await sql`create index ${sql.id(`${table}_${col}_prefix`)} on ${sql.id(table)} (${sql.id(col)} text_pattern_ops)`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    for (const name of ['complaints_handling_org_path_prefix', 'complaints_first_org_path_prefix', 'complaints_region_code_prefix', 'organisations_path_prefix']) {
      await db.schema.dropIndex(name).ifExists().execute();
    }
  },
};
