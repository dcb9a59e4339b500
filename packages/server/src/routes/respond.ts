import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Caller } from '../auth/caller.js';
import type { AppEnv } from '../http/env.js';
import type { Complaint } from '@complaintkit/core/domain';
import { complaintFor, maskComplaint, readBy } from '../policy/mask.js';
import { isVisible } from '../policy/visibility.js';
import type { ComplaintRecord, StoredResult } from '../store/store.js';

/**
 * Sends a mutation's result (the complaint registered or stepped) as the caller reads it (a customer:
 * core's `customerView`, fresh or replayed); a replayed result carries `Idempotent-Replayed: true`.
 * For staff, a result with `bodyText` (the store serialised its body already) is sent as that text.
 *
 * @example
 * ```ts
 * return sendResult(c, await store.mutate(idem, run));
 * ```
 */
export function sendResult(c: Context<AppEnv>, result: StoredResult & { replayed: boolean }): Response {
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  // A customer reads their own view, never the stored text of the whole complaint.
  const caller = c.get('caller') as Caller | undefined;
  if (caller?.actor.kind === 'customer') return c.json(readBy(caller, result.body as Complaint), result.status as ContentfulStatusCode);
  // The store's text of the body when it has one (a keyed write's): what c.json would send, serialised once.
  if (result.bodyText !== undefined) return c.body(result.bodyText, result.status as ContentfulStatusCode, { 'Content-Type': 'application/json' });
  return c.json(result.body as object, result.status as ContentfulStatusCode);
}

/**
 * The answer to a retry found through a key kept with the complaint (a creation's, `201`) or with its
 * timeline event (a step's, `200`) after the idempotency record expired: the complaint as this caller
 * may read it now, masked if it has since moved out of the caller's sight.
 *
 * @example
 * ```ts
 * const idem = { scope, key, requestHash, creation: replayAsNow(caller, 201) };
 * ```
 */
export const replayAsNow =
  (caller: Caller, status: 200 | 201) =>
  (record: ComplaintRecord): StoredResult => ({
    status,
    body: isVisible(caller.visibility, record) ? complaintFor(caller, record.complaint) : maskComplaint(record.complaint),
  });
