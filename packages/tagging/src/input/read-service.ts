import { createComplaintClient } from '@complaintkit/core';
import { ComplaintRow, complaintToRow } from './complaint-row.js';
import type { SourcedRow } from './read-complaints.js';

/**
 * Options of {@link readService}.
 *
 * @example
 * ```ts
 * const o: ServiceSourceOptions = { baseUrl: 'http://127.0.0.1:8787', token: process.env.CK_TOKEN!, changedSince: '2026-11-28T00:00:00.000Z' };
 * ```
 */
export interface ServiceSourceOptions {
  readonly baseUrl: string;
  /** A token of a role that sees every complaint to tag (an auditor of the head office). */
  readonly token: string;
  /** Only complaints changed after this instant (the previous run's cursor). */
  readonly changedSince?: string | null;
}

/**
 * Reads complaints from a running service through the typed client, as rows of the export shape.
 * With `changedSince`, only complaints whose `updatedAt` is later are yielded. Personal numbers come
 * masked from the service and are never used: linking relies on the service's customer id.
 *
 * @example
 * ```ts
 * await engine.run(readService({ baseUrl, token, changedSince: engine.cursor }), { asOf: new Date() });
 * ```
 */
export async function* readService(options: ServiceSourceOptions): AsyncGenerator<SourcedRow> {
  const client = createComplaintClient({ baseUrl: options.baseUrl, token: options.token });
  let n = 0;
  for await (const c of client.complaints.list({ limit: 100 })) {
    n++;
    if (options.changedSince && c.updatedAt <= options.changedSince) continue;
    yield { row: ComplaintRow.parse(complaintToRow(c)), file: options.baseUrl, line: n, position: n };
  }
}
