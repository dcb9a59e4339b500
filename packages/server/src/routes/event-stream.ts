import { setImmediate as nextTurn } from 'node:timers/promises';
import { ENDPOINTS } from '@complaintkit/core/domain';
import type { Context } from 'hono';
import { scopeOf } from '../auth/caller.js';
import type { AppEnv } from '../http/env.js';
import { badRequest } from '../http/problem.js';
import { queryToInput } from '../http/query.js';
import { sseComment, sseMessage, sseRefetch } from '../http/sse.js';
import { parseOr400 } from '../http/validate.js';
import { changeFor } from '../policy/mask.js';
import { mayReadReports } from '../policy/reporting-access.js';
import { isVisible } from '../policy/visibility.js';
import type { StoredChange } from '../store/store.js';
import type { ResolvedDeps } from './deps.js';
import { requestHeader } from '../http/request-header.js';

/** @internal a comment after 15 s without a message, so proxies and clients keep the connection. */
const PING_MS = 15_000;
/** @internal events per page, and per chunk written. */
const PAGE = 100;

/**
 * `GET /v1/events`: Server-Sent Events of the changes the caller may see (optionally one complaint).
 *
 * - Live: the process's one {@link EventFeed} reads new events (polling, and at once after a local
 *   commit, so it also sees other processes' commits); each stream filters them for its caller.
 * - Resume: with `Last-Event-ID` (or `lastEventId`) it first replays what came after that seq, a page
 *   at a time (the process replays one page at a time, whoever asks), yielding between pages and writing the next page only once the client has taken the
 *   last (backpressure: nothing piles up in memory for a slow reader).
 * - Bounded: more than `limits.replayMaxEvents` behind (without `complaintId`), it does not replay but sends one
 *   `event: refetch` (`id` = the current head, `data` = `{"code":"replay_window_exceeded",…}`):
 *   reload the state you hold, then keep reading; the stream continues live from the head. So does a
 *   resume point ahead of every committed event (a restored or replaced database), with or without
 *   `complaintId`, instead of skipping every event up to it.
 * - Capped: a caller's streams beyond `limits.streamsPerCaller` get 429, the process's beyond
 *   `limits.streamsTotal` 503, both with `Retry-After`.
 *
 * It ends when the client disconnects or the server closes (then with a `retry:` hint).
 *
 * @example
 * ```ts
 * app.get('/v1/events', (c) => streamEvents(c, deps));
 * ```
 */
export async function streamEvents(c: Context<AppEnv>, deps: ResolvedDeps): Promise<Response> {
  const caller = c.get('caller');
  const schema = ENDPOINTS.streamEvents.query;
  const { complaintId } = parseOr400(schema, queryToInput(new URL(c.req.url), schema, ['lastEventId', 'access_token']));
  const resumeFrom = requestHeader(c, 'last-event-id') ?? c.req.query('lastEventId');
  if (resumeFrom !== undefined && !/^\d{1,15}$/.test(resumeFrom)) {
    throw badRequest([{ path: 'Last-Event-ID', message: 'must be the id (a number) of the last event received' }]);
  }
  const seesAlerts = mayReadReports(caller);
  const release = deps.streams.acquire(scopeOf(caller));
  const unlisten = deps.feed.listen();
  let head: number;
  let ahead = false;
  try {
    head = await deps.feed.start();
    // A resume point past every committed event (the database was restored from a backup or replaced)
    // would skip, in silence, every event up to it. Past this process's feed only (another instance's
    // commit it has not polled yet) is no such case: the database's newest committed event says which,
    // read at once (lastEventSeq would wait for writers still running, up to 10 s on PostgreSQL, and
    // then answer this process's last settled head: a spurious refetch).
    if (resumeFrom !== undefined && Number(resumeFrom) > head) ahead = Number(resumeFrom) > (await deps.store.newestEventSeq());
  } catch (e) {
    release();
    unlisten();
    throw e;
  }
  let cursor = resumeFrom === undefined ? head : Number(resumeFrom);
  // One complaint's history is short and indexed: only the whole-bank stream is bounded.
  const tooFarBehind = complaintId === undefined && head - cursor > deps.limits.replayMaxEvents;
  if (tooFarBehind || ahead) cursor = head;

  const stop = new AbortController();
  let finished: () => void = () => {};
  deps.track(new Promise<void>((resolve) => (finished = resolve)));
  const encoder = new TextEncoder();
  let lastWrite = Date.now();
  let closeController: (() => void) | undefined;
  const finish = () => {
    if (stop.signal.aborted) return;
    stop.abort();
    release();
    unlisten();
    c.req.raw.signal.removeEventListener('abort', finish);
    deps.closing.removeEventListener('abort', onClosing);
    closeController?.();
    finished();
  };
  const onClosing = () => finish();
  c.req.raw.signal.addEventListener('abort', finish);
  deps.closing.addEventListener('abort', onClosing);

  /** The next messages after the cursor: from the feed's memory, else a page from the database. */
  const nextMessages = async (): Promise<string> => {
    // Alerts go to those who may read them (managers, leadership, auditors), on the whole-bank stream only.
    const wanted = (ch: StoredChange) =>
      isVisible(caller.visibility, ch.access) &&
      (ch.alert ? complaintId === undefined && seesAlerts : complaintId === undefined || ch.change.complaint.id === complaintId);
    // Each message as this caller reads it: the customer who owns the complaint reads core's customer
    // view; staff and auditors the stored message as it is (nothing added on their path).
    const send = caller.actor.kind === 'customer' ? (ch: StoredChange) => sseMessage(ch.change ? { ...ch, change: changeFor(caller, ch.change) } : ch) : sseMessage;
    const recent = deps.feed.after(cursor, PAGE);
    if (recent) {
      const last = recent[recent.length - 1];
      // Fewer than a page: the feed holds nothing more up to its head (numbers may skip one).
      cursor = recent.length < PAGE ? Math.max(cursor, deps.feed.head) : (last as StoredChange).seq;
      return recent.filter(wanted).map(send).join('');
    }
    // One replay page at a time per turn, yielding first, so other requests run between pages.
    return deps.replayTurns.run(async () => {
      await nextTurn();
      const upTo = deps.feed.head;
      const page = await deps.store.eventsAfter(cursor, caller.visibility, { ...(complaintId !== undefined && { complaintId }), limit: PAGE, upTo });
      const last = page[page.length - 1];
      cursor = page.length < PAGE ? Math.max(cursor, upTo) : (last as StoredChange).seq;
      return page.filter(wanted).map(send).join('');
    });
  };

  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        closeController = () => {
          try {
            if (deps.closing.aborted) controller.enqueue(encoder.encode('retry: 1000\n: the server is restarting; reconnect with Last-Event-ID\n\n'));
            controller.close();
          } catch {
            // already closed by the runtime
          }
        };
        if (deps.closing.aborted) return finish();
        let first = 'retry: 2000\n\n';
        if (tooFarBehind || ahead) first += sseRefetch(head, deps.limits.replayMaxEvents, ahead ? Number(resumeFrom) : undefined);
        controller.enqueue(encoder.encode(first));
      },
      async pull(controller) {
        try {
          while (!stop.signal.aborted) {
            if (cursor < deps.feed.head) {
              const text = await nextMessages();
              if (text && !stop.signal.aborted) {
                controller.enqueue(encoder.encode(text));
                lastWrite = Date.now();
                return;
              }
              continue;
            }
            const moved = await deps.feed.waitBeyond(cursor, stop.signal, PING_MS - (Date.now() - lastWrite));
            if (!moved && !stop.signal.aborted) {
              controller.enqueue(encoder.encode(sseComment('ping')));
              lastWrite = Date.now();
              return;
            }
          }
        } catch (e) {
          deps.logger.error({ msg: 'event stream failed', requestId: c.get('requestId'), error: e instanceof Error ? e.name : 'unknown' });
          finish();
        }
      },
      cancel() {
        finish();
      },
    },
    { highWaterMark: 1 },
  );

  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    },
  });
}
