import type { ComplaintCreateInput } from '../../src/domain/schemas/complaint.js';
import type { OutboxClient, OutboxStorage } from '../../src/outbox.js';

/** A complaint as a customer's app would enter it. */
export const complaintInput = (n: number): ComplaintCreateInput => ({
  intakeChannel: 'mobile_app',
  businessChannel: 'A010303',
  businessCategory: 'B0302',
  cause: 'C11',
  complainant: { name: '张三', phone: '13812345678', idNumber: '11010519491231002X' },
  description: `信用卡年费未经告知被扣收 #${n}`,
});

/** An error as the real client throws it: structural `retryable`, `status`, `code`, `message`. */
export class FakeClientError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly code?: string,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
  }
}
export const networkError = () => new FakeClientError('Could not reach the service. Check the connection; it will be retried.', true, undefined, 'network_error');

export interface Call {
  op: 'create' | 'followUp';
  key: string;
  description?: string | undefined;
  complaintId?: string;
}

/**
 * A fake complaint service behind a fake client, with the service's idempotency: a repeated key
 * replays the first result and creates nothing.
 */
export function fakeService() {
  const results = new Map<string, { id: string }>();
  const calls: Call[] = [];
  const committed: Call[] = [];
  let seq = 0;
  const svc = {
    online: true,
    /** ms each request takes. */
    latencyMs: 0,
    calls,
    committed,
    /** Before the service acts: throw to refuse the request. */
    refuse: undefined as ((call: Call) => Error | undefined) | undefined,
    /** After the service committed: throw to lose the response on the way back. */
    loseResponse: undefined as ((call: Call) => boolean) | undefined,
    client: undefined as unknown as OutboxClient,
  };
  const handle = async (call: Call, signal?: AbortSignal) => {
    calls.push(call);
    if (svc.latencyMs) await new Promise((r) => setTimeout(r, svc.latencyMs));
    if (signal?.aborted) throw new FakeClientError('aborted', false, undefined, 'aborted');
    if (!svc.online) throw networkError();
    const refused = svc.refuse?.(call);
    if (refused) throw refused;
    let result = results.get(call.key);
    if (!result) {
      result = { id: call.op === 'create' ? `CK20260301-${String(++seq).padStart(6, '0')}` : call.complaintId! };
      results.set(call.key, result);
      committed.push(call);
    }
    if (svc.loseResponse?.(call)) throw networkError();
    return { ...result };
  };
  svc.client = {
    complaints: {
      create: (input, opts) => handle({ op: 'create', key: opts.idempotencyKey, description: input.description }, opts.signal),
      followUp: (id, _body, opts) => handle({ op: 'followUp', key: opts.idempotencyKey, complaintId: id }, opts.signal),
    },
  };
  return svc;
}

/** A small in-memory `localStorage`. */
export class MemoryWebStorage {
  readonly #m = new Map<string, string>();
  get length(): number {
    return this.#m.size;
  }
  key(i: number): string | null {
    return [...this.#m.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.#m.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    this.#m.set(k, String(v));
  }
  removeItem(k: string): void {
    this.#m.delete(k);
  }
}

/** A switchable network: `isOnline` for the outbox, and an event target that fires `online`. */
export function fakeNetwork(online = false) {
  const events = new EventTarget();
  const net = {
    online,
    events,
    isOnline: () => net.online,
    goOnline() {
      net.online = true;
      events.dispatchEvent(new Event('online'));
    },
  };
  return net;
}

/** Waits until `check()` holds (polling), or fails with `what`. */
export async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A storage that never finishes writing a `sent` item: the process "dies" right after the service answered. */
export function dyingBeforeMarkingSent(base: OutboxStorage): OutboxStorage {
  return {
    get: (id) => base.get(id),
    delete: (id) => base.delete(id),
    list: () => base.list(),
    put: (item) => (item.state === 'sent' ? new Promise<void>(() => undefined) : base.put(item)),
  };
}
