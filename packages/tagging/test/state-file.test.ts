import { describe, expect, it } from 'vitest';
import type { CustomerState, StoredTag } from '../src/engine/engine.js';
import type { ComplaintFacts } from '../src/engine/facts.js';
import { decodeCustomer, decodeFacts, decodeTags, encodeCustomer, encodeFacts, encodeTags, factIds } from '../src/engine/state-file.js';

const FACTS: ComplaintFacts[] = [
  {
    id: 'CK20260601-000001', receivedAt: 1_780_000_000_000, category: 'B0302', regulator: true, severity: 3, priority: ['elderly:verified', 'police:self_reported'],
    undecided: true, dueAt: 1_780_100_000_000, followUpAt: null, score: null, accepted: null, reviewAt: null, updatedAt: 1_780_000_000_001,
  },
  {
    id: 'CK20260601-000002', receivedAt: 1_779_000_000_000, category: 'B04', regulator: false, severity: 0, priority: [],
    undecided: false, dueAt: null, followUpAt: 1_779_500_000_000, score: 2, accepted: false, reviewAt: 1_779_600_000_000, updatedAt: 1_779_600_000_000,
  },
];
const TAGS: StoredTag[] = [
  { code: 'churn_risk:high', active: true, validFrom: 1, validUntil: null, evidence: ['CK20260601-000001', 'CK20260601-000002'], version: 'churn_risk@1' },
  { code: 'repeat_complainer', active: false, validFrom: 2, validUntil: 3, evidence: [], version: 'repeat_complainer@2' },
];
const state = (facts: ComplaintFacts[] = FACTS, tags: StoredTag[] = TAGS): CustomerState => ({ id: 'C-1001', revisitAt: 1_780_000_000_000, facts: encodeFacts(facts), tags: encodeTags(tags) });

describe('the saved state of one customer', () => {
  it('is the JSON of compact arrays, held by the engine as text, and reads back as it was', () => {
    const c = state();
    const text = encodeCustomer(c);
    expect(JSON.parse(text)).toEqual([
      FACTS.map((f) => [f.id, f.receivedAt, f.category, f.regulator ? 1 : 0, f.severity, f.priority.join(','), f.undecided ? 1 : 0, f.dueAt, f.followUpAt, f.score, f.accepted, f.reviewAt, f.updatedAt]),
      TAGS.map((t) => [t.code, t.active ? 1 : 0, t.validFrom, t.validUntil, t.evidence, t.version]),
    ]);
    const back = decodeCustomer('C-1001', text, c.revisitAt);
    expect(back).toEqual(c);
    expect(decodeFacts(back.facts)).toEqual(FACTS);
    expect(decodeTags(back.tags)).toEqual(TAGS);
    expect(factIds(back.facts)).toEqual(['CK20260601-000001', 'CK20260601-000002']);
    const empty = decodeCustomer('C-1001', encodeCustomer(state([], [])), null);
    expect(empty).toEqual({ id: 'C-1001', revisitAt: null, facts: '', tags: '' });
    expect([decodeFacts(empty.facts), decodeTags(empty.tags), factIds(empty.facts)]).toEqual([[], [], []]);
  });

  it('escapes text that is not a plain code (a rule version from a rules file), and still splits the row right', () => {
    const tags: StoredTag[] = [{ code: 'sensitive_case', active: true, validFrom: 0, validUntil: 5, evidence: ['CK20260601-000001'], version: 'say "hi"]],[\\\n' }];
    const back = decodeCustomer('C-1001', encodeCustomer(state(FACTS, tags)), null);
    expect(decodeTags(back.tags)).toEqual(tags);
    expect(decodeFacts(back.facts)).toEqual(FACTS);
    expect(() => decodeCustomer('C-1001', '[[', null)).toThrow(/damaged/);
  });
});
