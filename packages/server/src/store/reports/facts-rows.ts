import { type ClockOptions, type Complaint, type ComplaintFacts, DEFAULT_REPEAT_WINDOW_DAYS, factsOf } from '@complaintkit/core/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { insertRows } from '../insert-rows.js';
import type { ComplaintFactsTable, Database } from '../schema.js';
import { type Cell, cellsOfFacts, touchAllCells, touchCells } from './cells.js';
import { compiledOnce } from '../compiled-once.js';
import { hasEarlier, STORED } from './repeat-rule.js';

/** @internal */
const bit = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);

/**
 * The `complaint_facts` row of core's facts (booleans as 0/1).
 *
 * @example
 * ```ts
 * const row = factsRow(factsOf(complaint, { orgPath }));
 * ```
 */
export function factsRow(f: ComplaintFacts): ComplaintFactsTable {
  return {
    id: f.id,
    received_at: f.receivedAt,
    received_day: f.receivedDay,
    counted: f.counted ? 1 : 0,
    intake_channel: f.intakeChannel,
    business_channel: f.businessChannel,
    business_category: f.businessCategory,
    business_major: f.businessMajor,
    cause: f.cause,
    severity: f.severity,
    region_code: f.regionCode,
    province: f.province,
    prefecture: f.prefecture,
    org_path: f.orgPath,
    customer_key: f.customerKey,
    decided_at: f.decidedAt,
    decided_day: f.decidedDay,
    met: bit(f.met),
    met_strict: bit(f.metStrict),
    handling_ms: f.handlingMs,
    due_at: f.dueAt,
    stopped_at: f.stoppedAt,
    reached: bit(f.reached),
    score: f.score,
    rated_day: f.ratedDay,
    accepted: bit(f.accepted),
    review_requested: f.reviewRequested ? 1 : 0,
    is_repeat: 0,
  };
}

/**
 * How the store derives facts: the holiday calendar and clock policy of the service (so met or missed
 * is judged on the same deadlines the handlers saw) and the repeat window in days.
 *
 * @example
 * ```ts
 * const o: FactsOptions = { clock: { calendar }, repeatWindowDays: 30 };
 * ```
 */
export interface FactsOptions {
  readonly clock?: Omit<ClockOptions, 'now'> | undefined;
  readonly repeatWindowDays?: number | undefined;
}

/** @internal inserts in chunks under both dialects' bound-parameter limits. */
const CHUNK = Math.floor(30_000 / 28);

/**
 * Writes (or rewrites) the facts of some complaints inside the caller's transaction, then refreshes
 * the repeat flags of every complaint of the same customers: a complaint imported out of order can
 * make a later one a repeat. Exact, not approximate: the flags equal core's `markRepeats` over all
 * complaints (a test checks this after random writes). The daily pre-aggregates (`report_cells`) of
 * every cell whose facts changed (the old and new days and organisation of each complaint, and those
 * of the complaints whose repeat flag was refreshed) are listed dirty in the same transaction, and the
 * next report recomputes them first (see `touchCells`). `fresh`: the complaints were numbered in this
 * transaction (an import batch), so they have no facts yet to replace: one prepared insert.
 *
 * @example
 * ```ts
 * await writeFacts(tx, [{ complaint, orgPath: '/HO/BR-44/' }], options);
 * await writeFacts(tx, many, options, false); // then refreshRepeats(tx, 'all', 30) once
 * await writeFacts(tx, numberedNow, options, false, true); // complaints numbered in this transaction: inserted, nothing replaced
 * ```
 */
export async function writeFacts(
  db: Kysely<Database>,
  items: readonly { complaint: Complaint; orgPath: string }[],
  options: FactsOptions = {},
  refresh = true,
  fresh = false,
): Promise<void> {
  if (items.length === 0) return;
  const rows = items.map(({ complaint, orgPath }) => factsRow(factsOf(complaint, { orgPath }, options.clock)));
  const keys = [...new Set(rows.map((r) => r.customer_key).filter((k): k is string => k !== null))];
  const cells: Cell[] = [];
  if (fresh) {
    // Complaints numbered in this transaction (an import batch's): no facts to replace.
    for (const r of rows) cells.push(...cellsOfFacts(r));
    await insertRows(db, 'complaint_facts', rows);
  }
  for (let i = 0; !fresh && i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const old = await db
      .deleteFrom('complaint_facts')
      .where('id', 'in', chunk.map((r) => r.id))
      .returning(['received_day', 'decided_day', 'rated_day', 'org_path'])
      .execute();
    for (const r of old) cells.push(...cellsOfFacts(r));
    for (const r of chunk) cells.push(...cellsOfFacts(r));
    await db.insertInto('complaint_facts').values(chunk).execute();
  }
  if (refresh) {
    // Only these customers' complaints received at or after the earliest written one can change: a
    // live write (the newest complaint) touches its own row alone, so concurrent PostgreSQL writers of
    // one customer never lock each other's rows.
    const from = Math.min(...rows.map((r) => r.received_at));
    cells.push(...(await updateRepeats(db, keys, options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS, from)));
  }
  await touchCells(db, cells);
}

/**
 * Recomputes `is_repeat` for the complaints of these customers received at or after `fromMs` (all
 * complaints with `'all'`):
 * a repeat has an earlier complaint (received before it, or at the same instant with a smaller
 * number) of the same customer on the same B major class at most `windowDays` before it.
 *
 * @example
 * ```ts
 * await refreshRepeats(db, ['C-1001'], 30);
 * ```
 */
export async function refreshRepeats(db: Kysely<Database>, keys: readonly string[] | 'all', windowDays: number, fromMs = 0): Promise<void> {
  if (keys === 'all') {
    await repeatUpdate(db, windowDays, sql`customer_key is not null`, false);
    await touchAllCells(db);
    return;
  }
  await touchCells(db, await updateRepeats(db, keys, windowDays, fromMs));
}

/** @internal the flags' update over the rows `where` selects, returning their cells' day and organisation when asked. */
function repeatUpdateSql(windowDays: number, where: RawBuilder<unknown>, returning: boolean): RawBuilder<{ received_day: string; org_path: string }> {
  const repeat = sql.raw(hasEarlier(STORED, 'complaint_facts.customer_key', windowDays * 86_400_000));
  return sql<{ received_day: string; org_path: string }>`update complaint_facts set is_repeat = case when ${repeat} then 1 else 0 end
        where ${where}${returning ? sql` returning received_day, org_path` : sql``}`;
}

/** @internal the flags' update over the rows `where` selects, returning their cells when asked. */
async function repeatUpdate(db: Kysely<Database>, windowDays: number, where: RawBuilder<unknown>, returning: boolean): Promise<Cell[]> {
  const { rows } = await repeatUpdateSql(windowDays, where, returning).execute(db);
  return rows.map((r) => ({ day: r.received_day, orgPath: r.org_path }));
}

/** @internal refreshes the flags of these customers' complaints from `fromMs` on; returns their cells. */
async function updateRepeats(db: Kysely<Database>, keys: readonly string[], windowDays: number, fromMs: number): Promise<Cell[]> {
  const cells: Cell[] = [];
  for (let i = 0; i < keys.length; i += 5_000) {
    const chunk = keys.slice(i, i + 5_000);
    // A live write refreshes one customer's flags: compiled once per number of customers.
    const { rows } = await compiledOnce(db, `updateRepeats ${chunk.length} ${windowDays}`, [...chunk, fromMs], () =>
      repeatUpdateSql(windowDays, sql`customer_key in (${sql.join(chunk)}) and received_at >= ${fromMs}`, true).compile(db),
    );
    for (const r of rows) cells.push({ day: r.received_day, orgPath: r.org_path });
  }
  return cells;
}

/**
 * The `complaint_facts` row of a complaint just registered (its repeat flag still 0: see
 * {@link refreshAfterFreshFacts}), for the caller to insert with the complaint: a new complaint has no
 * facts to replace, so nothing is deleted first.
 *
 * @example
 * ```ts
 * const row = freshFactsRow(complaint, '/HO/BR-44/', options);
 * ```
 */
export function freshFactsRow(complaint: Complaint, orgPath: string, options: FactsOptions = {}): ComplaintFactsTable {
  return factsRow(factsOf(complaint, { orgPath }, options.clock));
}

/**
 * After the facts rows of new complaints were inserted: refreshes the repeat flags of their
 * customers' complaints (as {@link writeFacts} does) and lists dirty the cells of the new rows and
 * of every flag refreshed. (A PostgreSQL creation writes its facts, flags and cells in one statement
 * instead: `writeCreation` in `store/pg-creation.ts`.)
 *
 * @example
 * ```ts
 * await tx.insertInto('complaint_facts').values(row).execute();
 * await refreshAfterFreshFacts(tx, [row], options);
 * ```
 */
export async function refreshAfterFreshFacts(db: Kysely<Database>, rows: readonly ComplaintFactsTable[], options: FactsOptions = {}): Promise<void> {
  if (rows.length === 0) return;
  const keys = [...new Set(rows.map((r) => r.customer_key).filter((k): k is string => k !== null))];
  const windowDays = options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS;
  const from = Math.min(...rows.map((r) => r.received_at));
  const refreshed = keys.length === 0 ? [] : await updateRepeats(db, keys, windowDays, from);
  await touchCells(db, [...rows.flatMap(cellsOfFacts), ...refreshed]);
}
