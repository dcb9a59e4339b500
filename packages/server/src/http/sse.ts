import type { StoredChange } from '../store/store.js';

/**
 * One Server-Sent Events message of the change stream (common.md): `id` is the event's seq.
 *
 * @example
 * ```ts
 * sseMessage({ seq: 7, change }); // 'id: 7\nevent: change\ndata: {…}\n\n'
 * ```
 */
export const sseMessage = ({ seq, change }: StoredChange): string => `id: ${seq}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`;

/**
 * An SSE comment line (keeps proxies and clients from timing out).
 *
 * @example
 * ```ts
 * sseComment('ping'); // ': ping\n\n'
 * ```
 */
export const sseComment = (text: string): string => `: ${text}\n\n`;
