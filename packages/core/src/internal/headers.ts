import type { HeadersLike } from '../core/options.js';

/** @internal Merges header sets left to right; a later `undefined` removes the header. */
export function mergeHeaders(...sets: (HeadersLike | undefined)[]): Headers {
  const out = new Headers();
  for (const set of sets) {
    if (!set) continue;
    const entries = set instanceof Headers ? [...set.entries()] : Object.entries(set);
    for (const [k, v] of entries) {
      if (v === undefined) out.delete(k);
      else out.set(k, v);
    }
  }
  return out;
}

/** @internal Header names the client sets. */
export const HEADER = {
  requestId: 'X-Request-Id',
  attempt: 'X-Request-Attempt',
  idempotencyKey: 'Idempotency-Key',
  authorization: 'Authorization',
  lastEventId: 'Last-Event-ID',
  shouldRetry: 'X-Should-Retry',
  retryAfter: 'Retry-After',
  retryAfterMs: 'Retry-After-Ms',
} as const;
