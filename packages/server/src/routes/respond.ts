import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../http/env.js';
import type { StoredResult } from '../store/store.js';

/**
 * Sends a mutation's result; a replayed result carries `Idempotent-Replayed: true`.
 *
 * @example
 * ```ts
 * return sendResult(c, await store.mutate(idem, run));
 * ```
 */
export function sendResult(c: Context<AppEnv>, result: StoredResult & { replayed: boolean }): Response {
  if (result.replayed) c.header('Idempotent-Replayed', 'true');
  return c.json(result.body as object, result.status as ContentfulStatusCode);
}
