import { describe, expect, it } from 'vitest';
import type { CustomerState } from '../src/engine/engine.js';
import { decodeCustomer, encodeCustomer } from '../src/engine/state-file.js';

const state = (over: Partial<CustomerState> = {}): CustomerState => ({
  revisitAt: 1_780_000_000_000,
  facts: [
    {
      id: 'CK20260601-000001', receivedAt: 1_780_000_000_000, category: 'B0302', regulator: true, severity: 3, priority: ['elderly:verified', 'police:self_reported'],
      undecided: true, dueAt: 1_780_100_000_000, followUpAt: null, score: null, accepted: null, reviewAt: null, updatedAt: 1_780_000_000_001,
    },
    {
      id: 'CK20260601-000002', receivedAt: 1_779_000_000_000, category: 'B04', regulator: false, severity: 0, priority: [],
      undecided: false, dueAt: null, followUpAt: 1_779_500_000_000, score: 2, accepted: false, reviewAt: 1_779_600_000_000, updatedAt: 1_779_600_000_000,
    },
  ],
  tags: [
    { code: 'churn_risk:high', active: true, validFrom: 1, validUntil: null, evidence: ['CK20260601-000001', 'CK20260601-000002'], version: 'churn_risk@1' },
    { code: 'repeat_complainer', active: false, validFrom: 2, validUntil: 3, evidence: [], version: 'repeat_complainer@2' },
  ],
  ...over,
});

describe('the saved state of one customer', () => {
  it('is the JSON of compact arrays, and reads back as it was', () => {
    const c = state();
    const text = encodeCustomer(c);
    expect(JSON.parse(text)).toEqual([
      c.facts.map((f) => [f.id, f.receivedAt, f.category, f.regulator ? 1 : 0, f.severity, f.priority.join(','), f.undecided ? 1 : 0, f.dueAt, f.followUpAt, f.score, f.accepted, f.reviewAt, f.updatedAt]),
      c.tags.map((t) => [t.code, t.active ? 1 : 0, t.validFrom, t.validUntil, t.evidence, t.version]),
    ]);
    expect(decodeCustomer(text, c.revisitAt)).toEqual(c);
    expect(decodeCustomer(encodeCustomer(state({ facts: [], tags: [] })), null)).toEqual({ revisitAt: null, facts: [], tags: [] });
  });

  it('escapes text that is not a plain code (a rule version from a rules file)', () => {
    const c = state({ tags: [{ code: 'sensitive_case', active: true, validFrom: 0, validUntil: 5, evidence: ['CK20260601-000001'], version: 'say "hi"\\\n' }] });
    expect(decodeCustomer(encodeCustomer(c), c.revisitAt)).toEqual(c);
  });
});
