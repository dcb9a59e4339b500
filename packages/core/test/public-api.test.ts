import { describe, expect, it } from 'vitest';
import * as domain from '../src/domain.js';
import * as root from '../src/index.js';
import * as node from '../src/node.js';
import * as outbox from '../src/outbox.js';
import * as outboxNode from '../src/outbox-node.js';

/** Every entry point of package.json's `exports`, by the path a user imports. */
const ENTRIES: Record<string, Record<string, unknown>> = {
  '@complaintkit/core': root,
  '@complaintkit/core/domain': domain,
  '@complaintkit/core/outbox': outbox,
  '@complaintkit/core/outbox/node': outboxNode,
  '@complaintkit/core/node': node,
};

describe('the public API', () => {
  it('keeps the root small: at most 40 runtime exports (the client, pagination, errors)', () => {
    const names = Object.keys(root).sort();
    expect(names.length, `root exports ${names.length}: ${names.join(', ')}`).toBeLessThanOrEqual(40);
    // What a client user needs is there; the domain and the plumbing are not.
    expect(names).toEqual(expect.arrayContaining(['createComplaintClient', 'Page', 'PagePromise', 'ComplaintKitError', 'InvalidTransitionError']));
    for (const gone of ['sleep', 'backoffDelay', 'retryDelay', 'retryAfterMs', 'shouldRetry', 'readSse', 'SseParser', 'registerComplaint', 'applyAction', 'complaintNumber', 'toJSONSchema', 'ENDPOINTS', 'Complaint']) {
      expect(names, `${gone} belongs to /domain or is private`).not.toContain(gone);
    }
  });

  it('exports every runtime symbol from exactly one path, under one name', () => {
    const seen = new Map<unknown, string>();
    const byName = new Map<string, string>();
    const twice: string[] = [];
    for (const [path, mod] of Object.entries(ENTRIES)) {
      for (const [name, value] of Object.entries(mod)) {
        const where = `${path} ${name}`;
        const otherName = byName.get(name);
        if (otherName) twice.push(`${name}: ${otherName} and ${path}`);
        byName.set(name, path);
        // Primitives (a scheme string, say) may equal by chance; objects and functions are one thing each.
        if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
          const other = seen.get(value);
          if (other) twice.push(`${where} is the same as ${other}`);
          seen.set(value, where);
        }
      }
    }
    expect(twice).toEqual([]);
  });
});
