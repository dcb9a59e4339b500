import { ComplaintRow, complaintToRow } from './complaint-row.js';
import { issuesToInputError } from './errors.js';
import type { SourcedRow } from './read-complaints.js';

/**
 * Options of {@link readService}.
 *
 * @example
 * ```ts
 * const o: ServiceSourceOptions = { baseUrl: 'http://127.0.0.1:8787', token: process.env.CK_TOKEN!, since: engine.cursor };
 * ```
 */
export interface ServiceSourceOptions {
  readonly baseUrl: string;
  /** A token that sees every complaint to tag: the bank's back end (system) or head-office staff. */
  readonly token: string;
  /** The previous run's change cursor (`RunSummary.cursor`); `null` or absent reads every complaint. */
  readonly since?: string | null;
  /** Complaints per request (1–500, default 500). */
  readonly pageSize?: number;
}

/**
 * Reads the complaints changed since the previous run from a running service through the typed client
 * (`client.complaints.changes`, `GET /v1/complaint-changes`), as rows of the export shape, each with
 * the cursor after it. The service orders changes by its event sequence and reads only up to the
 * number below which no writer can still commit, so no change committed while a run reads is skipped:
 * it comes in this run or the next. A
 * complaint changed twice comes once, in its latest state. Personal numbers come masked and are never
 * used: linking relies on the customer id and the keyed hashes of verified identifiers.
 *
 * @example
 * ```ts
 * const summary = await engine.run(readService({ baseUrl, token, since: engine.cursor }), { asOf: new Date() });
 * summary.cursor; // where the next run starts
 * ```
 */
export async function* readService(options: ServiceSourceOptions): AsyncGenerator<SourcedRow> {
  // The client (ky, its schemas) is loaded only when a service is read.
  const { createComplaintClient } = await import('@complaintkit/core');
  const client = createComplaintClient({ baseUrl: options.baseUrl, token: options.token });
  let n = 0;
  for await (const { seq, complaint } of client.complaints.changes({ since: options.since ?? '0', limit: options.pageSize ?? 500 })) {
    n++;
    const parsed = ComplaintRow.safeParse(complaintToRow(complaint));
    if (!parsed.success) throw issuesToInputError(`${options.baseUrl} complaint ${complaint.id}`, null, parsed.error.issues);
    yield { row: parsed.data, file: options.baseUrl, line: n, position: n, cursor: String(seq) };
  }
}
