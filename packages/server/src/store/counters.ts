import { type Kysely, sql } from 'kysely';
import type { DatabaseKind } from './connect.js';
import { COUNTER_SEQUENCES } from './migrations/0008b_event_sequences.js';
import type { Database } from './schema.js';
import { compiledOnce } from './compiled-once.js';

/** The named number sequences: event seq, complaint number, list row order. @example `const n: CounterName = 'event_seq';` */
export type CounterName = keyof typeof COUNTER_SEQUENCES;

/**
 * The next value of a counter, inside a write transaction. SQLite: the `counters` row (one writer at a
 * time, so values commit in order and without gaps). PostgreSQL: the counter's sequence, which takes no
 * lock (values are increasing but may skip one a rolled-back writer drew).
 *
 * @example
 * ```ts
 * const seq = await nextValue(tx, 'postgres', 'event_seq');
 * ```
 */
export async function nextValue(db: Kysely<Database>, kind: DatabaseKind, name: CounterName): Promise<number> {
  if (kind === 'postgres') {
    const seq = COUNTER_SEQUENCES[name];
    const { rows } = await compiledOnce(db, 'nextValue', [seq], () => sql<{ value: number }>`select nextval(${seq}) as value`.compile(db));
    return Number(rows[0]?.value);
  }
  const { rows } = await compiledOnce(db, 'nextValue', [1, name], () =>
    db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', '=', name)
      .returning('value')
      .compile(),
  );
  if (!rows[0]) throw new Error(`no counter ${name}: run the migrations`);
  return Number(rows[0].value);
}

/**
 * The next value of several counters at once, in one statement (a registration draws a complaint
 * number, an event seq and a list row: one round trip instead of three). Same guarantees as
 * {@link nextValue}.
 *
 * @example
 * ```ts
 * const { complaint_no, event_seq } = await nextValues(tx, 'sqlite', ['complaint_no', 'event_seq']);
 * ```
 */
export async function nextValues<N extends CounterName>(db: Kysely<Database>, kind: DatabaseKind, names: readonly N[]): Promise<Record<N, number>> {
  const out = {} as Record<N, number>;
  const shape = `nextValues ${names.join(',')}`;
  if (kind === 'postgres') {
    const columns = names.map((n) => sql`nextval(${COUNTER_SEQUENCES[n]}) as ${sql.id(n)}`);
    const { rows } = await compiledOnce(db, shape, names.map((n) => COUNTER_SEQUENCES[n]), () => sql<Record<N, number>>`select ${sql.join(columns)}`.compile(db));
    for (const n of names) out[n] = Number(rows[0]?.[n]);
    return out;
  }
  const { rows } = await compiledOnce(db, shape, [1, ...names], () =>
    db
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', 1) }))
      .where('name', 'in', names as readonly CounterName[])
      .returning(['name', 'value'])
      .compile(),
  );
  for (const r of rows) out[r.name as N] = Number(r.value);
  for (const n of names) if (out[n] === undefined) throw new Error(`no counter ${n}: run the migrations`);
  return out;
}

/**
 * The last value of every counter (0 when none was drawn).
 *
 * @example
 * ```ts
 * const { event_seq } = await counterValues(tx, kind);
 * ```
 */
export async function counterValues(db: Kysely<Database>, kind: DatabaseKind): Promise<Record<CounterName, number>> {
  const out = { event_seq: 0, complaint_no: 0, complaint_row: 0 };
  for (const name of Object.keys(out) as CounterName[]) {
    if (kind === 'postgres') {
      const { rows } = await sql<{ value: number }>`select case when is_called then last_value else 0 end as value from ${sql.id(COUNTER_SEQUENCES[name])}`.execute(db);
      out[name] = Number(rows[0]?.value ?? 0);
    } else {
      const row = await db.selectFrom('counters').select('value').where('name', '=', name).executeTakeFirst();
      out[name] = Number(row?.value ?? 0);
    }
  }
  return out;
}

/**
 * Moves counters forward to at least the given values (never back).
 *
 * @example
 * ```ts
 * await advanceCounters(tx, kind, { event_seq: 1200, complaint_no: 300, complaint_row: 300 });
 * ```
 */
export async function advanceCounters(db: Kysely<Database>, kind: DatabaseKind, values: Record<CounterName, number>): Promise<void> {
  for (const [name, value] of Object.entries(values) as [CounterName, number][]) {
    if (value < 1) continue;
    if (kind === 'postgres') {
      const seq = COUNTER_SEQUENCES[name];
      await sql`select setval(${seq}, greatest(${value}::bigint, (select case when is_called then last_value else 0 end from ${sql.id(seq)})))`.execute(db);
    } else {
      await db.updateTable('counters').set({ value }).where('name', '=', name).where('value', '<', value).execute();
    }
  }
}
