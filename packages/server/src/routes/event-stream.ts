import { ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import type { AppEnv } from '../http/env.js';
import { describeError } from '../http/logger.js';
import { badRequest } from '../http/problem.js';
import { queryToInput } from '../http/query.js';
import { parseOr400 } from '../http/validate.js';
import { sseComment, sseMessage } from '../http/sse.js';
import type { ResolvedDeps } from './deps.js';

/** @internal a comment every 15 s (common.md). */
const PING_MS = 15_000;
/** @internal events read per query. */
const BATCH = 200;

/**
 * `GET /v1/events`: Server-Sent Events of the changes the caller may see (optionally one complaint).
 * With `Last-Event-ID` (or `lastEventId`), first replays every visible event after that seq, then
 * goes live: it polls the events table (every `pollMs`, and at once after a commit in this process),
 * so it also sees what other server processes commit. Ends when the client disconnects or the
 * server closes.
 *
 * @example
 * ```ts
 * app.get('/v1/events', (c) => streamEvents(c, deps));
 * ```
 */
export async function streamEvents(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  const schema = ENDPOINTS.streamEvents.query;
  const { complaintId } = parseOr400(schema, queryToInput(new URL(c.req.url).searchParams, schema, ['lastEventId', 'access_token']));
  const resumeFrom = c.req.header('last-event-id') ?? c.req.query('lastEventId');
  if (resumeFrom !== undefined && !/^\d{1,15}$/.test(resumeFrom)) {
    throw badRequest([{ path: 'Last-Event-ID', message: 'must be the id (a number) of the last event received' }]);
  }
  let cursor = resumeFrom === undefined ? await deps.store.lastEventSeq() : Number(resumeFrom);
  const encoder = new TextEncoder();
  let finish = () => {};

  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      let wake: (() => void) | null = null;
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      const unsubscribe = deps.store.onCommit(() => wake?.());
      const ping = setInterval(() => send(sseComment('ping')), PING_MS);
      finish = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        clearInterval(ping);
        c.req.raw.signal.removeEventListener('abort', finish);
        deps.closing.removeEventListener('abort', finish);
        wake?.();
        try {
          controller.close();
        } catch {
          // already closed by the runtime
        }
      };
      c.req.raw.signal.addEventListener('abort', finish);
      deps.closing.addEventListener('abort', finish);
      if (deps.closing.aborted) return finish();
      send('retry: 2000\n\n');

      const pump = async () => {
        while (!closed) {
          const changes = await deps.store.eventsAfter(cursor, caller.visibility, { ...(complaintId !== undefined && { complaintId }), limit: BATCH });
          for (const change of changes) {
            send(sseMessage(change));
            cursor = change.seq;
          }
          if (changes.length === BATCH || closed) continue;
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, deps.pollMs);
            wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          wake = null;
        }
      };
      deps.track(
        pump().catch((e) => {
          if (!closed) deps.logger.error({ msg: 'event stream failed', requestId: c.get('requestId'), error: describeError(e) });
          finish();
        }),
      );
    },
    cancel() {
      finish();
    },
  });

  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
