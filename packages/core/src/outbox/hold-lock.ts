import { unrefTimer } from './triggers.js';
import type { HeldLock, OutboxLock } from './types.js';

/** @internal How often a held lock's lease is extended while a pass runs. */
const RENEW_EVERY_MS = 3_000;

/**
 * @internal Runs `work` while holding `lock`, renewing its lease in the background and releasing it
 * afterwards (even when `work` throws). Resolves to `false`, without running `work`, when another
 * outbox holds the lock.
 */
export async function withLock(lock: OutboxLock, work: (held: HeldLock) => Promise<void>): Promise<boolean> {
  const held = await lock.acquire();
  if (!held) return false;
  const renewer = unrefTimer(setInterval(() => void held.renew().catch(() => false), RENEW_EVERY_MS));
  try {
    await work(held);
  } finally {
    clearInterval(renewer);
    await held.release().catch(() => undefined);
  }
  return true;
}
