import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/** @internal bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const PARAMETERS = 30_000;
/** @internal rows per statement at most (a longer statement gains nothing and costs memory to prepare). */
const ROWS = 500;

/** @internal the SQL text of an insert of `count` rows of these columns, per dialect: compiled by Kysely once, then reused. */
const texts = new Map<string, string>();

/**
 * Inserts rows (all with the same columns, in the same key order) with one prepared multi-row
 * statement per chunk, inside the caller's transaction. The statement's text is compiled by Kysely
 * once per dialect, table, columns and chunk size and then reused, so on SQLite the connection's
 * statement cache prepares it once (`store/connect.ts`) and each chunk only binds its values: a
 * million-row import does not compile a million rows of Kysely insert expressions.
 *
 * @example
 * ```ts
 * await insertRows(tx, 'import_sources', [{ source_id: 'OLD-1', complaint_id: 'CK20250301-000001' }]);
 * ```
 */
export async function insertRows<T extends keyof Database & string>(db: Kysely<Database>, table: T, rows: readonly Insertable<Database[T]>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const size = Math.max(1, Math.min(ROWS, Math.floor(PARAMETERS / columns.length)));
  const dialect = db.getExecutor().adapter.constructor.name;
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size) as Record<string, unknown>[];
    const key = `${dialect}\u0000${table}\u0000${columns.join(',')}\u0000${chunk.length}`;
    let text = texts.get(key);
    if (text === undefined) {
      const blank = Object.fromEntries(columns.map((c) => [c, null]));
      // biome-ignore lint/suspicious/noExplicitAny: Kysely cannot type a table chosen by a generic parameter.
      const compiled = db.insertInto(table).values(chunk.map(() => blank) as any).compile();
      // One placeholder per value, in row-major column order, or the values below would not line up.
      if (compiled.parameters.length !== chunk.length * columns.length) throw new Error(`insertRows: ${table} did not compile to one parameter per value`);
      text = compiled.sql;
      if (texts.size > 1_000) texts.clear();
      texts.set(key, text);
    }
    const parameters: unknown[] = new Array(chunk.length * columns.length);
    let p = 0;
    for (const row of chunk) for (const c of columns) parameters[p++] = row[c];
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}
