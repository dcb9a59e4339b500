import { isRetryable } from '../internal/retryable.js';
import type { OutboxFailure } from './types.js';

/**
 * What to do after a send failed: `retry` later with the same key (network, timeout, 408, 429,
 * 5xx), `pause` the queue until the app signs in again (401), or `park` the item as failed (any
 * other refusal).
 *
 * @example
 * ```ts
 * const v: SendVerdict = classifySendError(err);
 * if (v.action === 'park') showError(v.failure.message);
 * ```
 */
export interface SendVerdict {
  action: 'retry' | 'pause' | 'park';
  failure: OutboxFailure;
  /** The wait the service asked for (`Retry-After`), in milliseconds. */
  retryAfterMs?: number | undefined;
}

type ErrorLike = {
  status?: unknown;
  code?: unknown;
  message?: unknown;
  retryAfter?: unknown;
  fields?: unknown;
};

const isFieldList = (v: unknown): v is { path: string; message: string }[] =>
  Array.isArray(v) && v.every((f) => typeof f?.path === 'string' && typeof f?.message === 'string');

/**
 * Reads an error thrown by the client (structurally: `retryable`, `status`, `code`, `message`,
 * `retryAfter` in seconds, `fields`) into a verdict. An error without `retryable` (a `TypeError`
 * from `fetch`, say) counts as retryable unless it carries a 4xx status.
 *
 * @example
 * ```ts
 * classifySendError({ retryable: false, status: 422, code: 'rule_violation', message: 'Not allowed.' }).action; // 'park'
 * ```
 */
export function classifySendError(error: unknown): SendVerdict {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorLike;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const retryable = isRetryable(error);
  const failure: OutboxFailure = {
    status,
    code: typeof e.code === 'string' ? e.code : status === undefined ? 'network_error' : `http_${status}`,
    message: typeof e.message === 'string' && e.message ? e.message : 'The request did not go through.',
  };
  if (isFieldList(e.fields)) failure.fields = e.fields.map((f) => ({ path: f.path, message: f.message }));
  const retryAfterMs = typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter * 1000 : undefined;
  if (status === 401) return { action: 'pause', failure };
  return { action: retryable ? 'retry' : 'park', failure, retryAfterMs };
}
