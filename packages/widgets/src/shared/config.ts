import type { TokenProvider } from '@complaintkit/core';
import type { HostBridge } from './bridge.js';

/**
 * What every `<ck-*>` element on the page shares unless it is given its own attribute or property:
 * the service address, the token, the language, the CSP nonce and the WebView bridge.
 *
 * @example
 * ```ts
 * const c: WidgetConfig = { baseUrl: 'https://complaints.example-bank.cn', token: () => app.token(), locale: 'zh-CN' };
 * ```
 */
export interface WidgetConfig {
  /** The complaint service, e.g. `https://complaints.example-bank.cn`. Default: the page's origin. */
  baseUrl?: string | undefined;
  /** A bearer token, or a provider called at first use and again after a 401 (so an app can refresh it). */
  token?: string | TokenProvider | undefined;
  /** `zh-CN` (default) or `en`; an element's `locale` attribute or the nearest `lang` wins over this. */
  locale?: string | undefined;
  /** Time zone for dates and deadlines. Default `Asia/Shanghai` (the regulator's clocks run there). */
  timeZone?: string | undefined;
  /**
   * A CSP nonce for the `<style>` fallback of browsers without constructable stylesheets (Lit reads
   * `window.litNonce`). Set it before the first element renders.
   */
  nonce?: string | undefined;
  /** Native hooks for WebViews (file picking, events to the host app). */
  bridge?: HostBridge | undefined;
}

let current: WidgetConfig = {};
const listeners = new Set<() => void>();

/**
 * Configures every ComplaintKit element on the page at once (an element's own attributes and
 * properties still win). Elements already on the page re-render with the new settings.
 *
 * @example
 * ```ts
 * import { configure } from '@complaintkit/widgets';
 * configure({ baseUrl: 'https://complaints.example-bank.cn', token: () => app.getToken(), locale: 'en' });
 * ```
 */
export function configure(next: WidgetConfig): void {
  current = { ...current, ...next };
  if (next.nonce) (globalThis as { litNonce?: string }).litNonce = next.nonce;
  for (const l of [...listeners]) l();
}

/** The page-wide settings as `configure()` left them. @example `getConfig().baseUrl;` */
export function getConfig(): Readonly<WidgetConfig> {
  return current;
}

/** @internal calls `fn` after every `configure()`; returns the unsubscribe. */
export function onConfigure(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}
