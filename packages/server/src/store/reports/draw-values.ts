import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from '../connect.js';
import type { CounterName } from '../counters.js';
import { COUNTER_SEQUENCES } from '../migrations/0008b_event_sequences.js';
import type { Database } from '../schema.js';

/**
 * Draws `n` values of a counter at once, inside a write transaction, in increasing order: on SQLite
 * one update of the `counters` row (a contiguous block: one writer at a time), on PostgreSQL `n`
 * values of the counter's sequence in one query (unique and increasing, but a concurrent writer may
 * draw values in between, so not necessarily contiguous). What an import batch numbers its
 * complaints and events with, so live writers running beside it never draw the same number.
 *
 * @example
 * ```ts
 * const seqs = await drawValues(tx, kind, 'event_seq', 12);
 * ```
 */
export async function drawValues(db: Kysely<Database>, kind: DatabaseKind, name: CounterName, n: number): Promise<number[]> {
  if (n <= 0) return [];
  if (kind === 'postgres') {
    const { rows } = await sql<{ v: string | number }>`select nextval(${COUNTER_SEQUENCES[name]}) as v from generate_series(1, ${n}) order by 1`.execute(db);
    return rows.map((r) => Number(r.v));
  }
  const row = await db
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', n) }))
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  const last = Number(row.value);
  return Array.from({ length: n }, (_, i) => last - n + 1 + i);
}
