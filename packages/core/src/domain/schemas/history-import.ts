import * as z from 'zod/mini';

// The import's request and summary, apart from `HistoryRecord` (history-record.ts): the client's
// reporting chunk takes these, and a module's zod calls cannot be tree-shaken, so the row schema the
// service checks files with stays out of the phones' bundles.

/**
 * The body of `POST /v1/history/import`: the file's text (CSV with a header row, or NDJSON), its
 * format, and how many complaints go in one transaction.
 *
 * @example
 * ```ts
 * const r: ImportRequestInput = { format: 'ndjson', data: lines.join('\n') };
 * ```
 */
export const ImportRequest = z.object({
  format: z.enum(['csv', 'ndjson']),
  data: z.string().check(z.maxLength(50_000_000)),
  batchSize: z._default(z.number().check(z.int(), z.minimum(1), z.maximum(50_000)), 5_000),
});
/** An import request as sent. @example `const r: ImportRequestInput = { format: 'csv', data: csvText };` */
export type ImportRequestInput = z.input<typeof ImportRequest>;

/**
 * What an import did: complaints imported, already there (same `sourceId`: skipped), and the bad
 * rows with their line (and, for a CSV, record: the row a spreadsheet shows, which differs from the
 * line after a quoted cell holding a line break) and field. A file with any bad row imports nothing: the
 * service then answers 422 `invalid_rows` with the rows in the problem's `errors` (`line`, `record`,
 * `path`, `message`) instead, so
 * `errors` is empty in a 200 answer.
 *
 * @example
 * ```ts
 * const s: ImportSummary = await client.history.import({ format: 'csv', data });
 * console.log(`${s.imported} imported, ${s.skipped} already there`);
 * ```
 */
export const ImportSummary = z.object({
  read: z.number(),
  imported: z.number(),
  skipped: z.number(),
  batches: z.number(),
  errors: z.array(z.object({ line: z.number(), record: z.optional(z.number()), field: z.string(), message: z.string() })),
});
/** An import summary. @example `const s: ImportSummary = await client.history.import(req);` */
export type ImportSummary = z.infer<typeof ImportSummary>;
