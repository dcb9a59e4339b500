import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/**
 * @internal the PostgreSQL `complaints` indexes that another index of the same column already
 * answers: 0001's plain btree of each access path, beside 0002's `text_pattern_ops` one. Every query
 * reads these columns with `like 'prefix%'` (visibility, the list's organisation filter), which the
 * `text_pattern_ops` index serves under any collation (and equality too); the plain one serves it
 * only under the C collation, and nothing orders or ranges by these columns.
 */
export const REDUNDANT_PG_INDEXES = ['complaints_handling_org_path', 'complaints_first_org_path'] as const;

/** @internal each index's column (`complaints_<column>`), for `down`. */
const columnOf = (index: (typeof REDUNDANT_PG_INDEXES)[number]) => index.slice('complaints_'.length);

/** Migration 0026_pg_redundant_indexes: drops two PostgreSQL `complaints` indexes another index already answers. */
export const migration: Migration = {
  // Every creation and every lifecycle step writes an entry into each index of `complaints`. Nothing
  // is lost (the columns stay, and `down` builds the indexes again); SQLite keeps its plain indexes,
  // which are its prefix indexes (it has no text_pattern_ops).
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    for (const index of REDUNDANT_PG_INDEXES) await db.schema.dropIndex(index).ifExists().execute();
  },
  async down(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    for (const index of REDUNDANT_PG_INDEXES) {
      await sql`create index if not exists ${sql.id(index)} on complaints (${sql.id(columnOf(index))})`.execute(db);
    }
  },
};
