import { AGGREGATE_IDS, AGGREGATES, DIMENSION_COLUMNS, type FactFilter, POPULATIONS, type Population, type ReportSpec } from '@complaintkit/core/domain';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DatabaseKind } from '../connect.js';
import { CELL_AGGREGATE_COLUMNS, CELL_DIMENSION_COLUMNS } from '../migrations/0010_report_cells.js';
import { rootPathSql } from '../migrations/0020c_report_roots.js';
import { isPostgres } from '../migrations/is-postgres.js';
import type { Database } from '../schema.js';
import { allowLongStatements, inWriteTransaction } from '../write-transaction.js';
import { compiledOnce } from '../compiled-once.js';

/** A dimension column of `report_cells`. @example `const c: CellColumn = 'cause';` */
export type CellColumn = (typeof CELL_DIMENSION_COLUMNS)[number];

/**
 * The dimension sets `report_cells` keeps, smallest first: the total, each dimension alone, and the
 * cross-tabs the reports ask for most (B × C, the regulator's B × C × A, B × region for alerts such
 * as "credit cards in Guangdong"). A B major class always comes with its category and a province with
 * its prefecture (each is a function of the other, so the rows are no more numerous).
 *
 * @example
 * ```ts
 * CELL_SETS.find((s) => s.includes('cause'));
 * ```
 */
export const CELL_SETS: readonly (readonly CellColumn[])[] = [
  [],
  ['intake_channel'],
  ['business_channel'],
  ['severity'],
  ['cause'],
  ['business_category', 'business_major'],
  ['province', 'prefecture'],
  ['business_category', 'business_major', 'cause'],
  ['business_category', 'business_major', 'province', 'prefecture'],
  ['business_category', 'business_major', 'cause', 'business_channel'],
];

/** @internal the `dims` value of a set. */
const setKey = (set: readonly CellColumn[]): string => set.join(',');

/**
 * A cell: one bank day of one organisation (the unit `report_cells` is recomputed in).
 *
 * @example
 * ```ts
 * const c: Cell = { day: '2026-03-01', orgPath: '/HO/BR-44/' };
 * ```
 */
export interface Cell {
  readonly day: string;
  readonly orgPath: string;
}

/**
 * The cells a `complaint_facts` row counts in: its day of receipt, of decision and of rating.
 *
 * @example
 * ```ts
 * cellsOfFacts({ received_day: '2026-03-01', decided_day: null, rated_day: null, org_path: '/HO/' }); // one cell
 * ```
 */
export function cellsOfFacts(r: { received_day: string; decided_day: string | null; rated_day: string | null; org_path: string }): Cell[] {
  const out: Cell[] = [{ day: r.received_day, orgPath: r.org_path }];
  if (r.decided_day !== null && r.decided_day !== r.received_day) out.push({ day: r.decided_day, orgPath: r.org_path });
  if (r.rated_day !== null && r.rated_day !== r.received_day && r.rated_day !== r.decided_day) out.push({ day: r.rated_day, orgPath: r.org_path });
  return out;
}

/** Whether every aggregate of core has a column in `report_cells` (else reports read the facts). @internal */
const CELLS_COVER = AGGREGATE_IDS.every((id) => id in CELL_AGGREGATE_COLUMNS);

/** @internal the facts' condition of an aggregate as a `sum`, or 0 when it counts another population. */
function aggregateSql(id: string, p: Population): RawBuilder<unknown> {
  const a = (AGGREGATES as Record<string, (typeof AGGREGATES)[keyof typeof AGGREGATES]>)[id];
  if (!a || a.population !== p) return sql`0`;
  const value = 'sumColumn' in a ? sql.ref(a.sumColumn) : sql`1`;
  return sql`sum(case when ${sql.raw(a.sql)} then ${value} else 0 end)`;
}

/** @internal whether set `a` has every column of `b` and more. */
const strictSuperset = (a: readonly CellColumn[], b: readonly CellColumn[]) => a.length > b.length && b.every((c) => a.includes(c));

/**
 * How each dimension set is computed: the sets no other set contains from `complaint_facts`, every
 * other set by summing the rows of the smallest set already computed that contains it (largest sets
 * first), so the facts are read 4 times per population instead of 10. @internal
 */
const CELL_PLAN: readonly { set: readonly CellColumn[]; from: readonly CellColumn[] | null }[] = (() => {
  const maximal = CELL_SETS.filter((s) => !CELL_SETS.some((o) => strictSuperset(o, s)));
  const plan: { set: readonly CellColumn[]; from: readonly CellColumn[] | null }[] = maximal.map((set) => ({ set, from: null }));
  for (const set of CELL_SETS.filter((s) => !maximal.includes(s)).sort((a, b) => b.length - a.length)) {
    const from = plan.map((x) => x.set).filter((o) => strictSuperset(o, set)).sort((a, b) => a.length - b.length)[0] as readonly CellColumn[];
    plan.push({ set, from });
  }
  return plan;
})();

/** @internal a set's dimension columns in the aggregate tables' column order, `''` for those it does not keep. */
const dims = (set: readonly CellColumn[]) => sql.join(CELL_DIMENSION_COLUMNS.map((c) => (set.includes(c) ? sql.ref(c) : sql`''`)));

/** @internal `, ` and a set's dimension columns in column order (the tail of a `group by`), nothing for the total. */
const by = (set: readonly CellColumn[]) => (set.length === 0 ? sql`` : sql`, ${sql.join(CELL_DIMENSION_COLUMNS.filter((c) => set.includes(c)).map((c) => sql.ref(c)))}`);

/**
 * @internal `order by` the first `keys` columns of the insert when the table is being refilled whole
 * on PostgreSQL (`inKeyOrder`), so its rows lie in their primary key's order as SQLite's `without
 * rowid` tables keep them (see migration 0025_cells_in_key_order): nothing otherwise.
 */
const keyOrder = (inKeyOrder: boolean, positions: readonly number[]) => (inKeyOrder ? sql.raw(` order by ${positions.join(', ')}`) : sql``);

/** @internal positions 1…n. */
const firstN = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * @internal inserts the `report_cells` rows of one population for the facts that `where` selects:
 * the sets of {@link CELL_PLAN} read from the facts first, in one statement, then each other set
 * summed from the rows just written (`where` over `day` selects the same cells there). `inKeyOrder`:
 * rows inserted in key order (a whole recomputation on PostgreSQL).
 */
async function insertCells(db: Kysely<Database>, p: Population, where: (dayColumn: string) => RawBuilder<unknown>, inKeyOrder = false): Promise<void> {
  const pop = POPULATIONS[p];
  const day = sql.ref(pop.dayColumn);
  const pg = isPostgres(db as Kysely<unknown>);
  // The decided cells keep their handling times (for exact quantiles), binary; no order needed.
  // (PostgreSQL types a bare null in a union as text.)
  const none = pg ? sql`null::bytea` : sql`null`;
  const handling = p !== 'decided' ? none : handlingListSql(pg, sql`handling_ms`, 'values');
  const handlingSum = p !== 'decided' ? none : handlingListSql(pg, sql`handling`, 'lists');
  // Grouped in the key order of `report_cells` (day, organisation, then the dimensions in column
  // order): the same groups in any order, but rows that come out of the sort in key order are
  // appended to the table's B-tree instead of inserted all over it.
  const cols = ['dims', 'pop', 'day', 'org_path', ...CELL_DIMENSION_COLUMNS, ...Object.values(CELL_AGGREGATE_COLUMNS), 'handling'];
  const into = sql`insert into report_cells (${sql.join(cols.map((c) => sql.ref(c)))})`;
  const fromFacts = CELL_PLAN.filter((x) => x.from === null).map(
    ({ set }) => sql`select ${setKey(set)}, ${p}, ${day}, org_path, ${dims(set)}, ${sql.join(Object.keys(CELL_AGGREGATE_COLUMNS).map((id) => aggregateSql(id, p)))}, ${handling}
      from complaint_facts where ${sql.raw(pop.sql)} and ${where(pop.dayColumn)}
      group by ${day}, org_path${by(set)}`,
  );
  // The key: dims, pop, day, org_path and the dimension columns, the insert's first columns.
  const order = keyOrder(inKeyOrder, firstN(4 + CELL_DIMENSION_COLUMNS.length));
  await sql`${into} ${sql.join(fromFacts, sql` union all `)}${order}`.execute(db);
  for (const { set, from } of CELL_PLAN) {
    if (from === null) continue;
    await sql`${into} select ${setKey(set)}, ${p}, day, org_path, ${dims(set)}, ${sql.join(Object.values(CELL_AGGREGATE_COLUMNS).map((c) => sql`sum(${sql.ref(c)})`))}, ${handlingSum}
      from report_cells where dims = ${setKey(from)} and pop = ${p} and ${where('day')}
      group by day, org_path${by(set)}${order}`.execute(db);
  }
}

/**
 * @internal the SQL aggregate of a binary handling list (`store/reports/handling-quantiles.ts`,
 * `encodeHandling`): of handling times in ms (`values`), each written as 8 big-endian bytes, or of
 * binary lists already written (`lists`), concatenated. SQLite's `group_concat` passes blob bytes
 * through unchanged but types its result text, hence the cast; a null time adds nothing.
 *
 * @example
 * ```ts
 * sql`select ${handlingListSql(false, sql`handling_ms`, 'values')} from complaint_facts`;
 * ```
 */
export function handlingListSql(pg: boolean, column: RawBuilder<unknown>, of: 'values' | 'lists'): RawBuilder<unknown> {
  if (pg) return of === 'values' ? sql`string_agg(int8send(${column}), ''::bytea)` : sql`string_agg(${column}, ''::bytea)`;
  return of === 'values' ? sql`cast(group_concat(case when ${column} is not null then unhex(printf('%016x', ${column})) end, '') as blob)` : sql`cast(group_concat(${column}, '') as blob)`;
}

/** @internal the key columns `report_months` shares with `report_cells` (all but the day). */
const MONTH_KEYS = ['dims', 'pop', 'org_path', ...CELL_DIMENSION_COLUMNS] as const;

/**
 * Rolls the daily cells up into `report_months` (the sums of each calendar month's days, the decided
 * months' handling lists concatenated): every month (`whole`), or the months of the cells listed in
 * `report_dirty`, after those cells were recomputed; and the months into `report_roots` (migration
 * 0020c: their sums per root of the organisation tree), the changed months' rows taken out of their
 * root's sums before and added back after. @internal
 */
async function rollUpMonths(db: Kysely<Database>, whole: boolean): Promise<void> {
  const pg = isPostgres(db as Kysely<unknown>);
  const c = (col: string) => sql.ref(`c.${col}`);
  const handling = handlingListSql(pg, sql`c.handling`, 'lists');
  const aggregates = Object.values(CELL_AGGREGATE_COLUMNS);
  const keys = sql.join(MONTH_KEYS.map(c));
  const select = sql`select substr(c.day, 1, 7), ${keys}, ${sql.join(aggregates.map((a) => sql`sum(${c(a)})`))}, ${handling}`;
  const into = sql`insert into report_months (month, ${sql.join(MONTH_KEYS.map((k) => sql.ref(k)))}, ${sql.join(aggregates.map((a) => sql.ref(a)))}, handling)`;
  const rootKeys = sql.join(['dims', 'pop', 'month', 'org_path', ...CELL_DIMENSION_COLUMNS].map((k) => sql.ref(k)));
  const rootGroup = sql.join([sql`dims`, sql`pop`, sql`month`, rootPathSql(pg), ...CELL_DIMENSION_COLUMNS.map((k) => sql.ref(k))]);
  /** Adds (or, `-1`, takes out) the sums of the months `where` selects to their roots' rows. */
  const toRoots = (where: RawBuilder<unknown>, sign: 1 | -1) =>
    sql`insert into report_roots (${rootKeys}, ${sql.join(aggregates.map((a) => sql.ref(a)))}, members)
      select ${rootGroup}, ${sql.join(aggregates.map((a) => sql`${sql.raw(String(sign))} * sum(${sql.ref(a)})`))}, ${sql.raw(String(sign))} * count(*)
      from report_months where ${where} group by ${rootGroup}
      on conflict (${rootKeys}) do update set ${sql.join(
        [...aggregates, 'members'].map((a) => sql`${sql.ref(a)} = ${sql.ref(`report_roots.${a}`)} + ${sql.ref(`excluded.${a}`)}`),
      )}`.execute(db);
  if (whole) {
    await db.deleteFrom('report_months').execute();
    // The months' key (dims, pop, month, organisation, dimensions) among the insert's columns.
    const monthKeyOrder = keyOrder(pg, [2, 3, 1, ...firstN(1 + CELL_DIMENSION_COLUMNS.length).map((i) => i + 3)]);
    // Only the sets no other set contains are rolled up from the daily cells (41 % of the cell rows
    // at 20,000 complaints); each other set from the months of the smallest set containing it, as the
    // cells themselves are (CELL_PLAN): the same sums, the same handling times in another order
    // (reports sort them), for one sort of a fraction of the rows. Grouped in the key order of
    // `report_months`, so the rows are appended in order: the same groups as by month first.
    // PostgreSQL may group by hashing: there the rows are sorted into that order too (migration
    // 0025_cells_in_key_order).
    const fromCells = CELL_PLAN.filter((x) => x.from === null).map((x) => setKey(x.set));
    await sql`${into} ${select} from report_cells c where ${c('dims')} in (${sql.join(fromCells)})
      group by ${c('dims')}, ${c('pop')}, substr(c.day, 1, 7), ${sql.join(MONTH_KEYS.slice(2).map(c))}${monthKeyOrder}`.execute(db);
    for (const { set, from } of CELL_PLAN) {
      if (from === null) continue;
      await sql`${into} select month, ${setKey(set)}, pop, org_path, ${dims(set)}, ${sql.join(aggregates.map((a) => sql`sum(${sql.ref(a)})`))}, ${handlingListSql(pg, sql`handling`, 'lists')}
        from report_months where dims = ${setKey(from)} group by pop, month, org_path${by(set)}${monthKeyOrder}`.execute(db);
    }
    await db.deleteFrom('report_roots').execute();
    await toRoots(sql`1 = 1`, 1);
    return;
  }
  // The dirty months, each read through the cells' (org_path, day) and the months' (org_path, month) indexes.
  const months = sql`(select distinct substr(day, 1, 7) as m, org_path from report_dirty)`;
  const dirtyMonths = sql`(month, org_path) in (select m, org_path from ${months} d)`;
  await toRoots(dirtyMonths, -1);
  await sql`delete from report_months where ${dirtyMonths}`.execute(db);
  await sql`${into} ${select} from ${months} d join report_cells c
      on c.org_path = d.org_path and c.day >= d.m || '-01' and c.day <= d.m || '-31'
    group by substr(c.day, 1, 7), ${keys}`.execute(db);
  await toRoots(dirtyMonths, 1);
  // A root row that now sums no month row goes (its sums are 0), as a recomputation would not have it.
  await sql`delete from report_roots where members = 0 and month in (select distinct substr(day, 1, 7) from report_dirty)`.execute(db);
}

/** @internal on PostgreSQL, one recomputation of `report_cells` at a time (held to the end of the transaction). */
const lockCells = async (db: Kysely<Database>) => {
  if (isPostgres(db as Kysely<unknown>)) await sql`select pg_advisory_xact_lock(20261130, 10)`.execute(db);
};

/**
 * Keeps `report_cells` exact after the facts of some cells changed, inside the caller's write
 * transaction: the cells are listed in `report_dirty`, and every report recomputes the listed cells
 * before it reads (see {@link refreshDirtyCells}), so no report reads a stale cell. A write pays one
 * insert; recomputing its cells in the write itself cost a creation 36–43% of its CPU and made
 * writers of the same cells queue on PostgreSQL. Rows go in day and organisation order, so two
 * writers listing the same cells never wait for each other crosswise.
 *
 * @example
 * ```ts
 * await touchCells(tx, [{ day: '2026-03-01', orgPath: '/HO/BR-44/' }]);
 * ```
 */
export async function touchCells(db: Kysely<Database>, cells: Iterable<Cell>): Promise<void> {
  const unique = new Map<string, Cell>();
  for (const c of cells) unique.set(`${c.day}\u0000${c.orgPath}`, c);
  if (unique.size === 0) return;
  const list = [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, c]) => c);
  for (let i = 0; i < list.length; i += 2_000) {
    const rows = list.slice(i, i + 2_000).map((c) => ({ day: c.day, org_path: c.orgPath }));
    // A live write lists one to three cells: the statement is compiled once per count.
    await compiledOnce(db, `touchCells ${rows.length}`, rows.flatMap((r) => [r.day, r.org_path]), () =>
      db.insertInto('report_dirty').values(rows).onConflict((oc) => oc.doNothing()).compile(),
    );
  }
}

/**
 * Lists every cell dirty (all of `report_cells` is recomputed before the next report): after the
 * facts were rebuilt wholesale.
 *
 * @example
 * ```ts
 * await touchAllCells(tx);
 * ```
 */
export async function touchAllCells(db: Kysely<Database>): Promise<void> {
  await sql`insert into report_dirty (day, org_path)
      select received_day, org_path from complaint_facts
      union select decided_day, org_path from complaint_facts where decided_day is not null
      union select rated_day, org_path from complaint_facts where rated_day is not null
    on conflict do nothing`.execute(db);
}

/**
 * @internal drops the secondary indexes of these SQLite tables inside the caller's transaction and
 * returns their `create index` statements (as `sqlite_master` keeps them), to run again afterwards.
 */
async function dropSecondaryIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<string[]> {
  const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master
    where type = 'index' and sql is not null and tbl_name in (${sql.join(tables)}) order by name`.execute(db);
  for (const r of rows) await sql`drop index ${sql.ref(r.name)}`.execute(db);
  return rows.map((r) => r.sql);
}

/** Above this share of the cells dirty, every cell is recomputed from whole-table reads. @internal */
const FULL_SHARE = 0.2;

/**
 * Recomputes the cells listed in `report_dirty` (live writes', an import's, or a rebuild's) from `complaint_facts`
 * in one write transaction, and empties the list. Cheap when nothing is dirty (one indexed read):
 * every report calls it first. Returns how many cells were recomputed.
 *
 * @example
 * ```ts
 * await refreshDirtyCells(db, 'sqlite');
 * ```
 */
export async function refreshDirtyCells(db: Kysely<Database>, kind: DatabaseKind): Promise<number> {
  const any = await db.selectFrom('report_dirty').select('day').limit(1).executeTakeFirst();
  if (!any) return 0;
  return inWriteTransaction(db, kind, async (tx) => {
    await lockCells(tx);
    // PostgreSQL: no writer adds a dirty cell between the recomputation and the emptying below.
    if (kind === 'postgres') await sql`lock table report_dirty in exclusive mode`.execute(tx);
    const { n } = await tx.selectFrom('report_dirty').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    if (Number(n) === 0) return 0;
    // Many dirty cells (an import, a migration): recompute every cell from whole-table reads, which
    // read the facts in order, instead of looking up each dirty cell's facts one by one.
    const { cells } = await tx
      .selectFrom('report_cells')
      .select((eb) => eb.fn.countAll<number>().as('cells'))
      .where('dims', '=', '')
      .where('pop', '=', 'received')
      .executeTakeFirstOrThrow();
    const whole = Number(n) > FULL_SHARE * Number(cells);
    // A whole recomputation (after an import) runs statements of minutes at 1,000,000 complaints.
    if (whole) await allowLongStatements(tx, kind);
    const dirty = (dayColumn: string) => (whole ? sql`1 = 1` : sql`(${sql.ref(dayColumn)}, org_path) in (select day, org_path from report_dirty)`);
    // SQLite, whole: the secondary indexes of the tables rewritten wholesale are dropped and created
    // again from their own definitions at the end, in this same transaction (no reader sees them
    // missing): building an index once from the finished table sorts its keys once, where keeping it
    // during the inserts paid a B-tree insert per row (each entry holds the whole 12-column key).
    const rebuilt = whole && kind === 'sqlite' ? await dropSecondaryIndexes(tx, ['report_cells', 'report_months']) : [];
    if (whole) await tx.deleteFrom('report_cells').execute();
    else await sql`delete from report_cells where ${dirty('day')}`.execute(tx);
    for (const p of Object.keys(POPULATIONS) as Population[]) await insertCells(tx, p, dirty, whole && kind === 'postgres');
    await rollUpMonths(tx, whole);
    for (const definition of rebuilt) await sql.raw(definition).execute(tx);
    // PostgreSQL plans the next reports on fresh statistics (a quarter B × C read 284 -> 60 ms at 100k).
    if (whole && kind === 'postgres') await sql`analyze report_cells, report_months, report_roots`.execute(tx);
    await tx.deleteFrom('report_dirty').execute();
    return Number(n);
  });
}

/**
 * @internal the `report_cells` column a report dimension reads: the facts' column of the same name
 * (core's `DIMENSION_COLUMNS`); `null` for organisation (it is `org_path`), `undefined` when the
 * cells keep no such column (the report then reads the facts).
 */
function cellColumnOf(d: string): CellColumn | null | undefined {
  if (d === 'organisation') return null;
  const column = (DIMENSION_COLUMNS as Record<string, string | undefined>)[d];
  return CELL_DIMENSION_COLUMNS.find((c) => c === column);
}

/**
 * The dimension set of `report_cells` that answers a report's grouping and filter exactly, or
 * `undefined` when none does (the report then reads `complaint_facts`): a region filter is answered
 * by the prefecture column when it is at most 4 digits (a province or prefecture prefix) or `not_regional`.
 *
 * @example
 * ```ts
 * cellSetFor({ range, filter: { orgPath: '/HO/' }, groupBy: ['businessCategory', 'cause'] }); // 'business_category,business_major,cause'
 * ```
 */
export function cellSetFor(spec: Pick<ReportSpec, 'filter' | 'groupBy'>): string | undefined {
  if (!CELLS_COVER) return undefined;
  const need = new Set<CellColumn>();
  for (const d of spec.groupBy) {
    const c = cellColumnOf(d);
    if (c === undefined) return undefined;
    if (c !== null) need.add(c);
  }
  const f: FactFilter = spec.filter;
  const filtered = (values: readonly string[] | undefined, c: CellColumn) => {
    if (values && values.length > 0) need.add(c);
  };
  filtered(f.intakeChannel, 'intake_channel');
  filtered(f.businessChannel, 'business_channel');
  filtered(f.businessCategory, 'business_category');
  filtered(f.cause, 'cause');
  filtered(f.severity, 'severity');
  if (f.region !== undefined) {
    if (f.region !== 'not_regional' && !/^\d{1,4}$/.test(f.region)) return undefined;
    need.add('prefecture');
  }
  const set = CELL_SETS.find((s) => [...need].every((c) => s.includes(c)));
  return set && setKey(set);
}
