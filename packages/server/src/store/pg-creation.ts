import { CompiledQuery, type Kysely } from 'kysely';
import { type CompiledOnceOptions, compiledOnce, rowShape } from './compiled-once.js';
import { cellsOfFacts } from './reports/cells.js';
import { earlierThan, hasEarlier, type RepeatSide, STORED } from './reports/repeat-rule.js';
import type { ComplaintFactsTable, ComplaintsTable, Database, EventsTable, IdempotencyTable } from './schema.js';

/**
 * What a PostgreSQL creation writes in its last statement (see {@link writeCreation}): the complaint's
 * row, its first event, its facts row (`is_repeat` is computed in the statement, the row's value is
 * not used), and the idempotency record of a keyed creation.
 *
 * @example
 * ```ts
 * const rows: CreationRows = { complaint: complaintRow(c, paths, rowSeq), event: lastEventRow(c, paths), facts: freshFactsRow(c, path) };
 * ```
 */
export interface CreationRows {
  readonly complaint: Partial<ComplaintsTable>;
  readonly event: EventsTable;
  readonly facts: ComplaintFactsTable;
  readonly idempotency?: IdempotencyTable | undefined;
}

/** @internal `insert into "t" ("a","b") values ($n,$n+1)`, with `expression` in place of some columns' parameters. */
function insertText(
  table: string,
  columns: readonly string[],
  values: readonly unknown[],
  params: unknown[],
  expression: Record<string, string> = {},
): string {
  const placed = columns.map((c, i) => {
    const e = expression[c];
    if (e !== undefined) return e;
    params.push(values[i]);
    return `$${params.length}`;
  });
  return `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${placed.join(', ')})`;
}

/** @internal the next parameter, cast (a value used outside an insert's column list needs its type said). */
const param = (params: unknown[], value: unknown, type: string): string => {
  params.push(value);
  return `$${params.length}::${type}`;
};

/**
 * PostgreSQL: writes a new complaint in one statement, the last of its write transaction: the
 * complaint, its first event, its facts with its repeat flag, the repeat flags of the same customer's
 * complaints received at or after it, the dirty report cells of all of these (in the same
 * (day, organisation) order as `touchCells`), and the idempotency record; with `run.thenCommit` the
 * commit goes out in the same network write (see `THEN_COMMIT`). One round trip instead of two (the
 * inserts, then the refresh with the record and the commit).
 *
 * One statement does not see its own inserts, so the repeat rule (`refreshRepeats` in
 * `reports/facts-rows.ts`; `docs/domain/metrics.md`) is applied with the new row in mind: the new
 * row is a repeat when an earlier complaint of the same customer and B major class was received at
 * most `windowDays` before it (read from the table, which does not hold the new row yet), and each of
 * the customer's rows received at or after it is a repeat when such an earlier complaint is in the
 * table *or is the new row*. The flags are the same as inserting first and refreshing after
 * (`test/reporting` checks them against core's `markRepeats`). The rule's text is
 * `reports/repeat-rule.ts`, as the refresh's. The transaction holds the customer's lock
 * (`store/customer-locks.ts`) from a statement before this one: a concurrent creation of the same
 * customer has committed before this statement reads the table, or waits until this one has (two
 * concurrent transactions do not see each other's rows; `test/reporting/repeat-flags.test.ts`).
 *
 * Compiled once per column sets, number of cells and window: later creations bind their values to
 * the same named statement.
 *
 * @example
 * ```ts
 * await writeCreation(tx, rows, 30, { thenCommit: true });
 * ```
 */
export async function writeCreation(db: Kysely<Database>, rows: CreationRows, windowDays: number, run: CompiledOnceOptions = {}): Promise<void> {
  const windowMs = windowDays * 86_400_000;
  const complaint = rowShape(rows.complaint);
  const event = rowShape(rows.event);
  const facts = rowShape(rows.facts);
  const record = rows.idempotency && rowShape(rows.idempotency);
  const f = rows.facts;
  const own = cellsOfFacts(f);
  const customer = f.customer_key !== null;
  const shape = [
    'pgCreation',
    complaint.columns.join(','),
    event.columns.join(','),
    facts.columns.join(','),
    record ? record.columns.join(',') : '-',
    customer ? 'customer' : '-',
    own.length,
    windowMs,
  ].join(' ');
  // The text is a function of the shape alone (the values only fill its parameters, in order).
  const params: unknown[] = [];
  const parts: string[] = [];
  parts.push(`new_complaint as (${insertText('complaints', complaint.columns, complaint.values, params)})`);
  parts.push(`new_event as (${insertText('events', event.columns, event.values, params)})`);
  // The new row's values the repeat rule reads, bound once.
  const fresh: RepeatSide | undefined = customer
    ? { major: param(params, f.business_major, 'text'), at: param(params, f.received_at, 'bigint'), id: param(params, f.id, 'text') }
    : undefined;
  const key = customer ? param(params, f.customer_key, 'text') : undefined;
  // The new row's flag: an earlier complaint of the customer on the same B major class within the window.
  const earlier = fresh && key ? `case when ${hasEarlier(fresh, key, windowMs)} then 1 else 0 end` : '0';
  parts.push(`new_facts as (${insertText('complaint_facts', facts.columns, facts.values, params, { is_repeat: earlier })})`);
  if (fresh) {
    // The customer's complaints received at or after the new one: an earlier one in the table, or the new row itself.
    parts.push(`changed as (update complaint_facts set is_repeat = case when ${hasEarlier(STORED, 'complaint_facts.customer_key', windowMs)}
          or (${earlierThan(fresh, STORED, windowMs)}) then 1 else 0 end
        where customer_key = ${key} and received_at >= ${fresh.at}
        returning received_day, org_path)`);
  }
  if (record) parts.push(`idem as (${insertText('idempotency', record.columns, record.values, params)})`);
  const listed = own.map((c) => `(${param(params, c.day, 'text')}, ${param(params, c.orgPath, 'text')})`).join(', ');
  const cells = customer
    ? `select received_day, org_path from changed union select received_day, org_path from (values ${listed}) as own (received_day, org_path)`
    : `select received_day, org_path from (values ${listed}) as own (received_day, org_path)`;
  // The same (day, organisation) order as touchCells ("C": byte order, as its JavaScript sort), so two
  // writers listing the same cells never wait for each other crosswise.
  const text = `with ${parts.join(',\n')}
    insert into report_dirty (day, org_path)
    select received_day, org_path from (${cells}) as cells
    order by received_day collate "C", org_path collate "C"
    on conflict do nothing`;
  await compiledOnce(db, shape, params, () => CompiledQuery.raw(text, params), run);
}
