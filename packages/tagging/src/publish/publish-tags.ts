import { createComplaintClient } from '@complaintkit/core';
import type { TagAssignment, TagEvent } from '../model/assignment.js';

/**
 * Options of {@link publishTags}.
 *
 * @example
 * ```ts
 * const o: PublishOptions = { baseUrl: 'http://127.0.0.1:8787', token: process.env.CK_TOKEN! };
 * ```
 */
export interface PublishOptions {
  readonly baseUrl: string;
  /** A system token (the bank's back end) or a head-office manager's. */
  readonly token: string;
  /** Assignments per request (1–1,000, default 1,000). */
  readonly batchSize?: number;
}

/**
 * The assignments a run changed, latest per key: what to send to the service after an incremental run
 * (a removed tag is sent as its exited assignment).
 *
 * @example
 * ```ts
 * await publishTags(changedAssignments(runEvents), { baseUrl, token });
 * ```
 */
export function changedAssignments(events: Iterable<TagEvent>): TagAssignment[] {
  const latest = new Map<string, TagAssignment>();
  for (const e of events) latest.set(e.assignment.key, e.assignment);
  return [...latest.values()];
}

/**
 * Sends assignments to the complaint service (`POST /v1/customer-tags`, through the typed client) in
 * batches, so staff see a complainant's tags beside the complaint and the client reads them with their
 * evidence. Each replaces the stored tag of the same customer and code, so sending again is safe.
 * Resolves to how many were written.
 *
 * @example
 * ```ts
 * await publishTags(engine.assignments(), { baseUrl: 'http://127.0.0.1:8787', token: process.env.CK_TOKEN! });
 * ```
 */
export async function publishTags(assignments: Iterable<TagAssignment>, options: PublishOptions): Promise<number> {
  const client = createComplaintClient({ baseUrl: options.baseUrl, token: options.token });
  const size = options.batchSize ?? 1000;
  let batch: TagAssignment[] = [];
  let written = 0;
  const flush = async () => {
    if (!batch.length) return;
    const r = await client.tags.import({
      assignments: batch.map((a) => ({
        customerId: a.customerId,
        code: a.code,
        status: a.status,
        validFrom: a.validFrom,
        validUntil: a.validUntil,
        evidence: [...a.evidence],
        version: a.version,
        lastEvaluatedAt: a.lastEvaluatedAt,
      })),
    });
    written += r.written;
    batch = [];
  };
  for (const a of assignments) {
    batch.push(a);
    if (batch.length >= size) await flush();
  }
  await flush();
  return written;
}
