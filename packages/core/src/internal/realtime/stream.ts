import { Observable } from 'rxjs';
import * as z from 'zod/mini';
import { ENDPOINTS } from '../../domain/contract/endpoints.js';
import type { ComplaintChange } from '../../domain/schemas/stream.js';
import { ComplaintKitError } from '../../core/errors/complaint-kit-error.js';
import { NetworkError } from '../../core/errors/network-error.js';
import { ResponseValidationError } from '../../core/errors/response-validation-error.js';
import type { ClientContext } from '../context.js';
import { HEADER, mergeHeaders } from '../headers.js';
import type { StreamOptions } from '../../resources/complaints.js';
import { issuesOf } from '../to-error.js';
import { type Prepared, prepare, send, warnInvalid } from '../request.js';
import { backoffDelay } from '../retry/backoff.js';
import { readSse } from './sse-parser.js';
import { isRetryable } from '../retryable.js';

/** @internal parses one message's data with its schema (per the client's validation mode). */
const parseData = <T>(ctx: ClientContext, schema: z.core.$ZodType, data: string, p: Prepared, status: number): T => {
  const { init } = p;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    throw new ResponseValidationError({ ...init, issues: [{ path: '', message: 'An event is not JSON.' }] });
  }
  if (ctx.validation === 'off') return value as T;
  const r = z.safeParse(schema, value);
  if (r.success) return r.data as T;
  if (ctx.validation === 'strict') throw new ResponseValidationError({ ...init, issues: issuesOf(r.error.issues) });
  warnInvalid(ctx, p, status);
  return value as T;
};

/**
 * @internal The change stream (`GET /v1/events`) as an Observable, read from fetch's body stream
 * so the token and `Last-Event-ID` travel as headers. It reconnects with backoff after a drop or a
 * retryable failure, resuming after the last event id it saw, so no change is missed; a
 * non-retryable failure (401 after refresh, 403, 404, an invalid event in strict mode) errors it.
 * Unsubscribing closes the connection.
 */
export function changeStream(
  ctx: ClientContext,
  query: { complaintId?: string | undefined },
  options: StreamOptions = {},
): Observable<ComplaintChange> {
  return eventStream<ComplaintChange>(ctx, query, options, 'change', ENDPOINTS.streamEvents.response);
}

/** @internal the event stream's messages of one `event:` name, parsed with `schema`. */
export function eventStream<T>(
  ctx: ClientContext,
  query: { complaintId?: string | undefined },
  options: StreamOptions,
  eventName: string,
  schema: z.core.$ZodType,
): Observable<T> {
  const idleMs = options.idleTimeoutMs ?? 45_000;
  const policy = {
    maxRetries: 0,
    initialDelayMs: options.reconnectDelayMs?.initial ?? 1000,
    maxDelayMs: options.reconnectDelayMs?.max ?? 30_000,
    maxRetryAfterMs: 0,
  };
  const maxFailures = options.maxConsecutiveFailures ?? Number.POSITIVE_INFINITY;
  return new Observable<T>((subscriber) => {
    const stop = new AbortController();
    let lastEventId = options.lastEventId;
    let failures = 0;
    const run = async () => {
      while (!stop.signal.aborted) {
        const conn = new AbortController();
        const onStop = () => conn.abort();
        stop.signal.addEventListener('abort', onStop, { once: true });
        let idle: ReturnType<typeof setTimeout> | undefined;
        const heartbeat = () => {
          failures = 0;
          clearTimeout(idle);
          idle = setTimeout(() => conn.abort(), idleMs);
        };
        let error: unknown;
        try {
          const p = prepare(ENDPOINTS.streamEvents, { query: query.complaintId ? { complaintId: query.complaintId } : {} });
          const res = await send(
            ctx,
            p,
            {
              signal: conn.signal,
              maxRetries: 0,
              timeout: options.connectTimeoutMs ?? ctx.timeout,
              headers: mergeHeaders(options.headers, { [HEADER.lastEventId]: lastEventId }),
            },
            async (r) => r,
            true,
          );
          if (!res.body) throw new NetworkError({ ...p.init, code: 'stream_unreadable' });
          clearTimeout(idle);
          idle = setTimeout(() => conn.abort(), idleMs);
          for await (const m of readSse(res.body, heartbeat)) {
            if (m.id !== undefined) lastEventId = m.id;
            if (m.event === 'refetch') options.onRefetch?.();
            if (m.event !== eventName) continue;
            subscriber.next(parseData<T>(ctx, schema, m.data, p, res.status));
          }
          error = new NetworkError({ ...p.init, code: 'stream_ended' });
        } catch (e) {
          error = e;
        } finally {
          clearTimeout(idle);
          stop.signal.removeEventListener('abort', onStop);
        }
        if (stop.signal.aborted) return;
        const fatal = error instanceof ComplaintKitError && !isRetryable(error) && !conn.signal.aborted;
        failures++;
        if (fatal) return subscriber.error(error);
        if (failures >= maxFailures) {
          const retryable = error instanceof ComplaintKitError && isRetryable(error);
          return subscriber.error(retryable ? error : new NetworkError({ code: 'stream_failed', cause: error }));
        }
        try {
          await ctx.sleep(backoffDelay(failures, policy, ctx.random), stop.signal);
        } catch {
          return;
        }
      }
    };
    void run();
    return () => stop.abort();
  });
}
