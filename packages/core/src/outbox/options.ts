import { createLeaseLock, MemoryLeaseStore } from './lease-lock.js';
import type { OutboxEventTarget, OutboxLock, OutboxOptions, OutboxRetryOptions } from './types.js';

/** @internal `OutboxOptions` with every default filled in. */
export interface ResolvedOutboxOptions extends Required<Pick<OutboxOptions, 'client' | 'storage' | 'pollMs' | 'retainSentMs' | 'now' | 'random' | 'autoStart'>> {
  retry: OutboxRetryOptions;
  lock: OutboxLock;
  isOnline: () => boolean;
  onlineEvents: OutboxEventTarget | null;
  visibilityEvents: OutboxEventTarget | null;
}

/**
 * @internal Fills in the defaults of `createOutbox`'s options: the browser's `navigator.onLine`,
 * `window` and `document` where they exist (inert in Node), the storage's own lock (else one in
 * memory), a 30 s poll and 24 h of sent items.
 */
export function resolveOutboxOptions(options: OutboxOptions): ResolvedOutboxOptions {
  const g = globalThis as { navigator?: { onLine?: boolean }; document?: OutboxEventTarget; addEventListener?: unknown };
  const { client, storage } = options;
  return {
    client,
    storage,
    retry: options.retry ?? {},
    pollMs: options.pollMs ?? 30_000,
    retainSentMs: options.retainSentMs ?? 86_400_000,
    autoStart: options.autoStart !== false,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    isOnline: options.isOnline ?? (() => g.navigator?.onLine !== false),
    lock: options.lock ?? storage.createLock?.() ?? createLeaseLock(new MemoryLeaseStore()),
    onlineEvents: options.onlineEvents === undefined ? (typeof g.addEventListener === 'function' ? (g as OutboxEventTarget) : null) : options.onlineEvents,
    visibilityEvents: options.visibilityEvents === undefined ? (g.document ?? null) : options.visibilityEvents,
  };
}
