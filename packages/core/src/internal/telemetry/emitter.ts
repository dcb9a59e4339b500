import type { ClientEvent, Logger, LogLevel } from '../../core/events.js';

const LEVELS: Record<LogLevel, number> = { off: 0, error: 1, warn: 2, info: 3, debug: 4 };
const LEVEL_OF = { request: 'debug', response: 'debug', retry: 'info', warning: 'warn', error: 'error' } as const;

/**
 * @internal Fans client events out to `onEvent`, the logger (by level) and `events$` subscribers.
 * A listener that throws never breaks a request.
 */
export interface Emitter {
  emit(event: ClientEvent): void;
  listen(fn: (event: ClientEvent) => void): () => void;
}

/** @internal */
export function createEmitter(opts: { logger?: Logger | undefined; logLevel?: LogLevel | undefined; onEvent?: ((e: ClientEvent) => void) | undefined }): Emitter {
  const listeners = new Set<(e: ClientEvent) => void>();
  if (opts.onEvent) listeners.add(opts.onEvent);
  const threshold = LEVELS[opts.logLevel ?? 'warn'];
  return {
    emit(event) {
      const level = LEVEL_OF[event.type];
      if (opts.logger && LEVELS[level] <= threshold) {
        const line = `[complaintkit] ${event.type} ${event.method} ${event.path}${event.status ? ` ${event.status}` : ''}${event.errorCode ? ` ${event.errorCode}` : ''}`;
        try {
          opts.logger[level]?.(line, event);
        } catch {
          /* a logger must not break a call */
        }
      }
      for (const fn of listeners) {
        try {
          fn(event);
        } catch {
          /* a listener must not break a call */
        }
      }
    },
    listen(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
