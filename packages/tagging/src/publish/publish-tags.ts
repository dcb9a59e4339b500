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
  /**
   * Tags to delete from the service, by customer and code: those a full rebuild no longer assigns
   * (the CLI takes them from the state it replaces). Sent after the assignments, in batches too.
   */
  readonly deleted?: Iterable<{ readonly customerId: string; readonly code: string }>;
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
 * evidence. Each replaces the stored tag of the same customer and code, so sending again is safe; the
 * tags in `options.deleted` are deleted. Resolves to how many were written.
 *
 * @example
 * ```ts
 * await publishTags(engine.assignments(), { baseUrl: 'http://127.0.0.1:8787', token: process.env.CK_TOKEN! });
 * ```
 */
export async function publishTags(assignments: Iterable<TagAssignment>, options: PublishOptions): Promise<number> {
  const { createComplaintClient } = await import('@complaintkit/core');
  const client = createComplaintClient({ baseUrl: options.baseUrl, token: options.token });
  const size = options.batchSize ?? 1000;
  let batch: TagAssignment[] = [];
  let gone: { customerId: string; code: string }[] = [];
  let written = 0;
  const flush = async () => {
    if (!batch.length && !gone.length) return;
    const r = await client.tags.import({
      deleted: gone,
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
    gone = [];
  };
  for (const a of assignments) {
    batch.push(a);
    if (batch.length >= size) await flush();
  }
  await flush();
  for (const d of options.deleted ?? []) {
    gone.push({ customerId: d.customerId, code: d.code });
    if (gone.length >= size) await flush();
  }
  await flush();
  return written;
}
