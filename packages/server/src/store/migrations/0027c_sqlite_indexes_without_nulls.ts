import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/**
 * @internal SQLite indexes whose column is `null` in most rows a creation writes, and which every
 * statement reading them reads by a value of that column (`=`, `in`, a range, or the population's own
 * `… is not null`): each becomes a partial index of the rows where it is not null, so a creation
 * writes no entry there. [index, table, columns, the column that is null]. Unique ones stay unique
 * (nulls never collided).
 */
export const NULL_FREE_INDEXES = [
  // A complaint's creating key: null for a creation without an Idempotency-Key; read by the key lookup (`=`).
  ['complaints_creation_key', 'complaints', ['creation_scope', 'creation_key'], 'creation_key', true],
  // The customer: null for a walk-in complainant; read by a customer's visibility and tags (`=`).
  ['complaints_customer_id', 'complaints', ['customer_id'], 'customer_id', false],
  // A step's key: null for every creation and every step without a key; read by the key lookup (`=`).
  ['events_step_key', 'events', ['step_scope', 'step_key'], 'step_key', true],
  // The repeat rule's earlier complaint of the customer (`customer_key = …`, `in (…)`, `is not null`).
  ['complaint_facts_repeat', 'complaint_facts', ['customer_key', 'business_major', 'received_at'], 'customer_key', false],
  // The decided and rated populations' days: null until decided, rated; every report and cell
  // statement over those populations has `decided_day is not null` (rated_day …) and a range or `in`.
  ['complaint_facts_decided_day_org', 'complaint_facts', ['decided_day', 'org_path'], 'decided_day', false],
  ['complaint_facts_rated_day_org', 'complaint_facts', ['rated_day', 'org_path'], 'rated_day', false],
] as const;

/** @internal makes one index again, with or without its `where … is not null`. */
async function remake(db: Kysely<unknown>, [name, table, columns, column, unique]: (typeof NULL_FREE_INDEXES)[number], partial: boolean) {
  await sql`drop index if exists ${sql.id(name)}`.execute(db);
  const cols = sql.join(columns.map((c) => sql.id(c)));
  await sql`create ${sql.raw(unique ? 'unique ' : '')}index ${sql.id(name)} on ${sql.id(table)} (${cols})${partial ? sql` where ${sql.id(column)} is not null` : sql``}`.execute(db);
}

/** Migration 0027c_sqlite_indexes_without_nulls: six SQLite indexes keep only the rows whose column is not null. */
export const migration: Migration = {
  // A creation wrote an entry for its nulls into each of these (six of the 25 b-trees a keyed creation
  // touches; in WAL mode each b-tree touched is at least one page per commit). The plans of their
  // statements do not change: SQLite uses a partial index `where x is not null` for any term that
  // compares x. PostgreSQL keeps its indexes as they are (its plans at scale were not checked).
  async up(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    for (const index of NULL_FREE_INDEXES) await remake(db, index, true);
  },
  async down(db: Kysely<unknown>) {
    if (isPostgres(db)) return;
    for (const index of NULL_FREE_INDEXES) await remake(db, index, false);
  },
};
