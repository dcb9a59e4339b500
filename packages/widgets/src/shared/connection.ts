import type { ComplaintClient, TokenProvider } from '@complaintkit/core';
import { getConfig } from './config.js';

/**
 * Where an element talks to and as whom: its own `base-url` / `token`, else `configure()`'s.
 *
 * @example
 * ```ts
 * const c: Connection = { baseUrl: 'https://complaints.example-bank.cn', token: () => app.token() };
 * ```
 */
export interface Connection {
  baseUrl?: string | undefined;
  token?: string | TokenProvider | undefined;
}

const clients = new Map<string, { token: Connection['token']; client: Promise<ComplaintClient> }>();

/** The service address an element uses, absolute. @internal */
export function baseUrlOf(own: Connection): string {
  const raw = own.baseUrl || getConfig().baseUrl || globalThis.location?.origin || '';
  return new URL(raw, globalThis.location?.href).href.replace(/\/$/, '');
}

/**
 * The ComplaintKit client for a connection. The client's code (ky, the schemas) loads on first
 * use, so an element is interactive before it is downloaded; one client per address and token.
 * Without a token of its own, the client asks `configure()`'s token at each request, so a page
 * may configure after its elements were defined (or refresh the token) at any time.
 *
 * @example
 * ```ts
 * const client = await clientFor({ baseUrl: 'https://complaints.example-bank.cn', token });
 * ```
 */
export function clientFor(own: Connection): Promise<ComplaintClient> {
  const baseUrl = baseUrlOf(own);
  const key = `${baseUrl} ${own.token === undefined ? 'configured' : 'own'}`;
  const hit = clients.get(key);
  if (hit && hit.token === own.token) return hit.client;
  const token: TokenProvider = (ctx) => {
    const t = own.token ?? getConfig().token;
    return typeof t === 'function' ? t(ctx) : t;
  };
  const client = import('./client-loader.js').then((m) => m.createComplaintClient({ baseUrl, token }));
  clients.set(key, { token: own.token, client });
  return client;
}
