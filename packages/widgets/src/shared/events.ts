import { getConfig } from './config.js';

/**
 * The DOM events ComplaintKit elements fire, with their `detail`. All bubble and cross shadow
 * roots (`composed`), so a host page can listen on `document`.
 *
 * @example
 * ```ts
 * document.addEventListener('ck-submitted', (e) => console.log(e.detail.complaintNumber));
 * ```
 */
export interface CkEventMap {
  /** The element has what it needs and can be used. */
  'ck-ready': { element: string };
  /** A field changed; `valid` says whether the form could be sent as it is. */
  'ck-change': { valid: boolean };
  /** The customer sent the form; `idempotencyKey` is the entry's key, made when the entry started. */
  'ck-submit': { idempotencyKey: string; attachments: readonly File[] };
  /** The service has the complaint (`queued: false`), or it is saved on the device and will be sent (`queued: true`). */
  'ck-submitted': { complaintNumber: string | null; idempotencyKey: string; queued: boolean; decisionDueAt?: string | null };
  /** Something went wrong; `message` is safe to show. */
  'ck-error': { code: string; message: string; error?: unknown };
  /** A watched complaint changed state. */
  'ck-status-change': { complaintNumber: string; status: string; previous: string | null };
  /** The user picked a complaint in a list or inbox. */
  'ck-select': { complaintNumber: string };
  /** A staff action went through. */
  'ck-action': { complaintNumber: string; action: string };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ck-ready': CustomEvent<CkEventMap['ck-ready']>;
    'ck-change': CustomEvent<CkEventMap['ck-change']>;
    'ck-submit': CustomEvent<CkEventMap['ck-submit']>;
    'ck-submitted': CustomEvent<CkEventMap['ck-submitted']>;
    'ck-error': CustomEvent<CkEventMap['ck-error']>;
    'ck-status-change': CustomEvent<CkEventMap['ck-status-change']>;
    'ck-select': CustomEvent<CkEventMap['ck-select']>;
    'ck-action': CustomEvent<CkEventMap['ck-action']>;
  }
}

/**
 * Fires a `ck-*` event from `target` (bubbling, composed) and hands it to the WebView bridge.
 *
 * @example
 * ```ts
 * emit(this, 'ck-change', { valid: true });
 * ```
 */
export function emit<K extends keyof CkEventMap>(target: EventTarget, name: K, detail: CkEventMap[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  const post = getConfig().bridge?.postEvent;
  if (post) {
    try {
      const { error: _dropped, attachments: _files, ...plain } = detail as Record<string, unknown>;
      post(name, plain);
    } catch {
      // A host bridge that throws must not break the widget.
    }
  }
}
