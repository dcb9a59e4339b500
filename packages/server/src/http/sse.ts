import type { StoredChange } from '../store/store.js';

/**
 * One Server-Sent Events message of the change stream (`GET /v1/events`): `id` is the event's seq; a
 * complaint change is an `event: change`, an early-warning alert an `event: alert` (clients that
 * only know changes skip it).
 *
 * @example
 * ```ts
 * sseMessage({ seq: 7, change }); // 'id: 7\nevent: change\ndata: {…}\n\n'
 * ```
 */
export const sseMessage = (m: StoredChange): string =>
  m.alert ? `id: ${m.seq}\nevent: alert\ndata: ${JSON.stringify(m.alert)}\n\n` : `id: ${m.seq}\nevent: change\ndata: ${JSON.stringify(m.change)}\n\n`;

/**
 * An SSE comment line (keeps proxies and clients from timing out).
 *
 * @example
 * ```ts
 * sseComment('ping'); // ': ping\n\n'
 * ```
 */
export const sseComment = (text: string): string => `: ${text}\n\n`;

/**
 * The message that tells a resuming client the service will not replay what it missed (more than
 * `window` events, or `aheadFrom`: a last event id past the stream's `head`, as after a restored
 * database): reload the state you hold, then keep reading; the stream goes on live from `head`.
 *
 * @example
 * ```ts
 * sseRefetch(120_000, 10_000); // 'id: 120000\nevent: refetch\ndata: {"code":"replay_window_exceeded",…}\n\n'
 * ```
 */
export const sseRefetch = (head: number, window: number, aheadFrom?: number): string =>
  `id: ${head}\nevent: refetch\ndata: ${JSON.stringify({
    code: 'replay_window_exceeded',
    detail:
      aheadFrom === undefined
        ? `more than ${window} events were missed: reload the complaints you show, then keep reading this stream`
        : `the last event id ${aheadFrom} is ahead of this stream, which is at ${head} (its data was restored or replaced): reload the complaints you show, then keep reading this stream`,
    lastEventId: String(head),
  })}\n\n`;
