import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from './is-postgres.js';

/** @internal the PostgreSQL sequence behind each counter. */
export const COUNTER_SEQUENCES = { event_seq: 'ck_event_seq', complaint_no: 'ck_complaint_no', complaint_row: 'ck_complaint_row' } as const;

/** Migration 0008b_event_sequences: PostgreSQL draws numbers from sequences, so writers need no global lock. */
export const migration: Migration = {
  // A counter row is a lock every writer queues on until it commits; a sequence hands out numbers
  // without one (a rolled-back writer leaves a gap, which readers tell from a writer still running:
  // see lastEventSeq). Each sequence starts after its counter; SQLite keeps the counters table (it has
  // one writer at a time anyway). The counters rows stay, unused on PostgreSQL, for `down`.
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    // Past the counter, and past what is stored should a counter ever lag it.
    const stored: Record<string, ReturnType<typeof sql>> = {
      event_seq: sql`(select coalesce(max(seq), 0) from events)`,
      complaint_no: sql`0`,
      complaint_row: sql`(select coalesce(max(row_seq), 0) from complaints)`,
    };
    for (const [counter, seq] of Object.entries(COUNTER_SEQUENCES)) {
      await sql`create sequence ${sql.id(seq)} as bigint minvalue 1`.execute(db);
      await sql`select setval(${seq}, greatest(v, 1), v > 0) from (select greatest(value, ${stored[counter]}) as v from counters where name = ${counter}) c`.execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    if (!isPostgres(db)) return;
    for (const [counter, seq] of Object.entries(COUNTER_SEQUENCES)) {
      await sql`update counters set value = (select case when is_called then last_value else 0 end from ${sql.id(seq)}) where name = ${counter}`.execute(db);
      await sql`drop sequence if exists ${sql.id(seq)}`.execute(db);
    }
  },
};
