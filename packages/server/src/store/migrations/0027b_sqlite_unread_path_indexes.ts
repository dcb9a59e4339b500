import type { Kysely, Migration } from 'kysely';
import { isPostgres } from './is-postgres.js';

/**
 * @internal the SQLite `complaints` indexes of the two access paths (0001's), which no statement reads
 * there: visibility and the list's organisation filter are `like 'prefix%' escape '\'`, which SQLite
 * answers from an index only when `like` is case-sensitive (`pragma case_sensitive_like`, never set
 * here) or the column's collation is NOCASE; both are BINARY. EXPLAIN QUERY PLAN on the
 * 1,000,000-complaint database: the list under a subtree's visibility walks `row_seq` (or `status`,
 * `customer_id`, `due_at`, `received_at` when filtered by them), never these.
 */
export const UNREAD_PATH_INDEXES = ['complaints_handling_org_path', 'complaints_first_org_path'] as const;

/** @internal each index's column (`complaints_<column>`), for `down`. */
const columnOf = (index: (typeof UNREAD_PATH_INDEXES)[number]) => index.slice('complaints_'.length);

/** Migration 0027b_sqlite_unread_path_indexes: drops the two SQLite `complaints` path indexes no statement reads. */
export const migration: Migration = {
  // Every creation and lifecycle step writes an entry into each index of `complaints`. The columns
  // stay, filled as before; `down` builds the indexes again. PostgreSQL already has only its
  // `text_pattern_ops` ones, which do serve the prefix (0002, 0026).
  async up(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    for (const index of UNREAD_PATH_INDEXES) await db.schema.dropIndex(index).ifExists().execute();
  },
  async down(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    for (const index of UNREAD_PATH_INDEXES) await db.schema.createIndex(index).ifNotExists().on('complaints').column(columnOf(index)).execute();
  },
};
