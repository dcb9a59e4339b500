/**
 * Something that fires `online` / `offline` events (a `window`), or `visibilitychange` (a `document`).
 *
 * @example
 * ```ts
 * const target: OutboxEventTarget = window;
 * ```
 */
export interface OutboxEventTarget {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
  /** For a document: `'visible'` or `'hidden'`. */
  readonly visibilityState?: string;
}

/** @internal listens to `type` on `target` (if any); returns the undo. */
export function listen(target: OutboxEventTarget | null | undefined, type: string, fn: () => void): () => void {
  if (!target || typeof target.addEventListener !== 'function') return () => undefined;
  target.addEventListener(type, fn);
  return () => target.removeEventListener(type, fn);
}

/** @internal a timer that does not keep a Node process alive. */
export function unrefTimer<T>(t: T): T {
  (t as { unref?: () => void }).unref?.();
  return t;
}
