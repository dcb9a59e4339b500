import { CompiledQuery, type Insertable, type Kysely, PostgresAdapter, type QueryResult, sql } from 'kysely';
import { THEN_COMMIT } from './pg-clients.js';
import type { Database } from './schema.js';
import { runOnFile } from './sqlite-direct.js';

/**
 * How {@link compiledOnce} runs a statement.
 *
 * @example
 * ```ts
 * const options: CompiledOnceOptions = { thenCommit: true };
 * ```
 */
export interface CompiledOnceOptions {
  /**
   * PostgreSQL: this is the last statement of its write transaction; the `commit` is written right
   * behind it (no round trip of its own) and the statement answers once the commit has (see
   * `THEN_COMMIT` in `pg-clients.ts`). Nothing may run in the transaction after it. SQLite: no effect.
   */
  readonly thenCommit?: boolean | undefined;
}

/** @internal the SQL text of each statement shape, per dialect: compiled by Kysely once, then reused. */
const texts = new Map<string, string>();

/** @internal how many shapes are kept (a shape is a statement with a fixed column list; a write path has a few dozen). */
const SHAPES_KEPT = 500;

/**
 * Runs a statement whose SQL text depends only on `shape`, never on the values: Kysely builds and
 * compiles it (`build`) the first time per dialect and shape, and every later run binds `values` to
 * that text, with no query building or compiling (about a tenth of a creation's CPU when every
 * statement was built per request). On SQLite the connection's statement cache then prepares the
 * text once (`store/connect.ts`), and inside a write transaction it runs straight on the file
 * (`store/sqlite-direct.ts`); on PostgreSQL it runs as a named statement. The first compile is
 * checked: its parameters must be exactly `values`, in order, or the statement is refused.
 *
 * @example
 * ```ts
 * const { rows } = await compiledOnce(db, 'organisation', [id], () => db.selectFrom('organisations').selectAll().where('id', '=', id).compile());
 * ```
 */
export async function compiledOnce<R>(
  db: Kysely<Database>,
  shape: string,
  values: readonly unknown[],
  build: () => CompiledQuery<R>,
  options: CompiledOnceOptions = {},
): Promise<QueryResult<R>> {
  const adapter = db.getExecutor().adapter;
  const thenCommit = options.thenCommit === true && adapter instanceof PostgresAdapter;
  const key = `${adapter.constructor.name}\u0000${thenCommit ? 'then commit\u0000' : ''}${shape}`;
  let text = texts.get(key);
  if (text === undefined) {
    const compiled = build();
    if (compiled.parameters.length !== values.length || compiled.parameters.some((p, i) => p !== values[i])) {
      throw new Error(`compiledOnce: ${shape} does not compile to exactly its values, in order`);
    }
    text = thenCommit ? compiled.sql + THEN_COMMIT : compiled.sql;
    if (texts.size >= SHAPES_KEPT) texts.clear();
    texts.set(key, text);
  }
  // A SQLite write transaction runs its statements straight on the file it holds.
  return runOnFile<R>(db, text, values) ?? db.executeQuery(CompiledQuery.raw(text, values as unknown[]) as CompiledQuery<R>);
}

/**
 * The columns of a row that an insert writes (Kysely leaves out the `undefined` ones) and their
 * values, in the row's key order: the shape and values of an insert for {@link compiledOnce}.
 *
 * @example
 * ```ts
 * rowShape({ a: 1, b: undefined, c: null }); // { columns: ['a', 'c'], values: [1, null] }
 * ```
 */
export function rowShape(row: object): { columns: string[]; values: unknown[] } {
  const columns: string[] = [];
  const values: unknown[] = [];
  for (const [c, v] of Object.entries(row)) {
    if (v === undefined) continue;
    columns.push(c);
    values.push(v);
  }
  return { columns, values };
}

/**
 * Inserts one row with a statement compiled once per table and column set (see {@link compiledOnce}).
 *
 * @example
 * ```ts
 * await insertRow(tx, 'idempotency', { scope, key, request_hash: hash, status_code: 201, response, created_at: Date.now() });
 * ```
 */
export async function insertRow<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  row: Insertable<Database[T]>,
  options: CompiledOnceOptions = {},
): Promise<void> {
  const { columns, values } = rowShape(row);
  // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table chosen by a generic parameter.
  await compiledOnce(db, `insert ${table} (${columns.join(',')})`, values, () => db.insertInto(table).values(row as any).compile(), options);
}

/**
 * Runs a statement without values (`begin immediate`, `savepoint ck_write`, `commit`), compiled once.
 *
 * @example
 * ```ts
 * await runText(conn, 'begin immediate');
 * ```
 */
export const runText = (db: Kysely<Database>, text: string): Promise<QueryResult<unknown>> => compiledOnce(db, text, [], () => sql.raw(text).compile(db));
