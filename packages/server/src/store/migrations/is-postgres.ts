import { type Kysely, PostgresAdapter } from 'kysely';

/** @internal whether this Kysely instance talks to PostgreSQL (a migration that is one dialect's alone asks). */
export const isPostgres = (db: Kysely<unknown>): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
