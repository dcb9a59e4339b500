import { describe, expect, it } from 'vitest';
import { toFacts } from '../src/engine/facts.js';
import { ComplaintRow, type ComplaintRowInput } from '../src/input/complaint-row.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { compileRules, evaluateCustomer, nextChangeAt } from '../src/rules/evaluate.js';
import { defineRules } from '../src/rules/load.js';
import { DAY, T0, at, row } from './rows.js';
import { prng } from './prng.js';

const evaluate = (rows: ComplaintRowInput[], day: number, rules = BUILT_IN_RULES) =>
  evaluateCustomer(
    rows.map((r) => toFacts(ComplaintRow.parse(r))).filter((f) => f !== null),
    T0 + day * DAY,
    compileRules(rules),
  );
const only = (kind: string, extra: object = {}) => defineRules({ version: 't', rules: [{ kind, version: 3, ...extra } as never] });

describe('repeat_complainer', () => {
  const rules = only('repeat_complainer', { minComplaints: 3, windowDays: 90 });
  const rows = [row(0, 'C1'), row(10, 'C1'), row(20, 'C1')];

  it('is assigned at the third complaint in 90 days, with the complaints as evidence and the rule version', () => {
    expect(evaluate(rows.slice(0, 2), 25, rules)).toEqual([]);
    const [tag] = evaluate(rows, 25, rules);
    expect(tag).toEqual({
      code: 'repeat_complainer',
      validFrom: Date.parse(at(20)),
      validUntil: Date.parse(at(90)),
      evidence: rows.map((r) => r.id),
      ruleVersion: 'repeat_complainer@3',
    });
  });

  it('expires when the first complaint is exactly 90 days old, not a moment before', () => {
    expect(evaluate(rows, 90 - 1 / 86_400_000 / 1000, rules)).toHaveLength(1);
    expect(evaluate(rows, 90, rules)).toEqual([]);
  });

  it('does not count merged or declined complaints, nor complaints after the instant', () => {
    const withMerged = [row(0, 'C1'), row(10, 'C1', { status: 'merged' }), row(20, 'C1'), row(40, 'C1')];
    expect(evaluate(withMerged, 30, rules)).toEqual([]);
    expect(evaluate(withMerged, 41, rules)).toHaveLength(1);
  });
});

describe('recent_complaint:<business type>', () => {
  it('tags each category of the last 30 days; the major level rolls codes up', () => {
    const rows = [row(0, 'C1', { businessCategory: 'B0201' }), row(20, 'C1', { businessCategory: 'B0302' }), row(25, 'C1', { businessCategory: 'B0301' })];
    expect(evaluate(rows, 31, only('recent_complaint')).map((t) => [t.code, t.evidence.length])).toEqual([
      ['recent_complaint:B0301', 1],
      ['recent_complaint:B0302', 1],
    ]);
    const major = evaluate(rows, 31, only('recent_complaint', { level: 'major' }));
    expect(major.map((t) => t.code)).toEqual(['recent_complaint:B03']);
    expect(major[0]!.validUntil).toBe(Date.parse(at(55)));
  });
  it('can be limited to listed categories', () => {
    const rows = [row(1, 'C1', { businessCategory: 'B0201' }), row(2, 'C1', { businessCategory: 'B0302' })];
    expect(evaluate(rows, 3, only('recent_complaint', { categories: ['B0201'] })).map((t) => t.code)).toEqual(['recent_complaint:B0201']);
  });
});

describe('dissatisfied_after_response', () => {
  const rules = only('dissatisfied_after_response', { windowDays: 90 });
  it('counts a low score, a refused decision and a review request, each from its own date', () => {
    const low = row(0, 'C1', { followUpAt: at(20), satisfactionScore: 2 });
    const happy = row(0, 'C1', { followUpAt: at(20), satisfactionScore: 4, decisionAccepted: true });
    const refused = row(5, 'C1', { followUpAt: at(30), satisfactionScore: 4, decisionAccepted: false });
    const review = row(6, 'C1', { reviewRequestedAt: at(40) });
    const [tag] = evaluate([low, happy, refused, review], 50, rules);
    expect(tag!.evidence).toEqual([low.id, refused.id, review.id]);
    expect(tag!.validFrom).toBe(Date.parse(at(20)));
    expect(tag!.validUntil).toBe(Date.parse(at(130)));
    expect(evaluate([happy], 50, rules)).toEqual([]);
    expect(evaluate([low], 110, rules)).toEqual([]);
    expect(evaluate([low], 10, rules)).toEqual([]); // the follow-up had not happened yet
  });
});

describe('regulator_referred, sensitive_case, priority_group', () => {
  it('regulator_referred: a regulator transfer within the year', () => {
    const r = row(0, 'C1', { intakeChannel: 'regulator_transfer' });
    expect(evaluate([r, row(1, 'C1')], 10, only('regulator_referred'))).toMatchObject([{ code: 'regulator_referred', evidence: [r.id] }]);
    expect(evaluate([r], 365, only('regulator_referred'))).toEqual([]);
  });
  it('sensitive_case: the listed severities only', () => {
    const rows = [row(0, 'C1', { severity: 'complex' }), row(1, 'C1', { severity: 'major' })];
    expect(evaluate(rows, 2, only('sensitive_case'))[0]!.evidence).toEqual([rows[1]!.id]);
    expect(evaluate(rows, 2, only('sensitive_case', { severities: ['complex'] }))[0]!.evidence).toEqual([rows[0]!.id]);
  });
  it('priority_group: verified memberships by default, never self-reported unless asked', () => {
    const r = row(0, 'C1', { priorityGroups: [{ group: 'police', basis: 'verified' }, { group: 'elderly', basis: 'self_reported' }] });
    expect(evaluate([r], 1, only('priority_group')).map((t) => t.code)).toEqual(['priority_group:police']);
    expect(evaluate([r], 1, only('priority_group', { bases: ['verified', 'self_reported'] })).map((t) => t.code)).toEqual([
      'priority_group:elderly',
      'priority_group:police',
    ]);
  });
});

describe('open_overdue_complaint', () => {
  it('holds from the deadline until the complaint is decided, with no end date', () => {
    const open = row(0, 'C1', { status: 'in_progress', decisionDueAt: at(15) });
    expect(evaluate([open], 15, only('open_overdue_complaint'))).toEqual([]);
    expect(evaluate([open], 16, only('open_overdue_complaint'))).toEqual([
      { code: 'open_overdue_complaint', validFrom: Date.parse(at(15)), validUntil: null, evidence: [open.id], ruleVersion: 'open_overdue_complaint@3' },
    ]);
    expect(evaluate([{ ...open, status: 'responded', decisionDueAt: null }], 16, only('open_overdue_complaint'))).toEqual([]);
  });
});

describe('churn_risk:<band>', () => {
  const rules = only('churn_risk');
  it('bands by recency, frequency, severity and dissatisfaction', () => {
    expect(evaluate([row(0, 'C1')], 100, rules).map((t) => t.code)).toEqual(['churn_risk:low']);
    const angry = [
      row(0, 'C1', { severity: 'major' }),
      row(10, 'C1', { followUpAt: at(20), satisfactionScore: 1 }),
      row(25, 'C1'),
    ];
    expect(evaluate(angry, 26, rules).map((t) => t.code)).toEqual(['churn_risk:high']);
  });
  it('is valid until its next recency step, and moves band when it passes', () => {
    const rows = [row(0, 'C1'), row(1, 'C1'), row(2, 'C1', { intakeChannel: 'regulator_transfer' })];
    const [now] = evaluate(rows, 3, rules);
    expect(now!.code).toBe('churn_risk:high'); // recency 1, frequency 1, severity 1
    expect(now!.validUntil).toBe(Date.parse(at(32)));
    expect(evaluate(rows, 32, rules)[0]!.code).toBe('churn_risk:medium');
    expect(evaluate(rows, 32, rules)[0]!.validFrom).toBe(Date.parse(at(32)));
  });
});

describe('rule sets', () => {
  it('refuse two rules of one kind and bad bands, naming the field', () => {
    expect(() => defineRules({ version: '1', rules: [{ kind: 'regulator_referred', version: 1 }, { kind: 'regulator_referred', version: 2 }] })).toThrow(
      /rules\.1\.kind.*keep one rule per kind/,
    );
    expect(() => defineRules({ version: '1', rules: [{ kind: 'churn_risk', version: 1, bands: { medium: 0.8, high: 0.5 } }] })).toThrow(/bands/);
    expect(() => defineRules({ version: '1', rules: [{ kind: 'vip', version: 1 } as never] })).toThrow(/rules\.0\.kind/);
  });
});

describe('nextChangeAt: when a customer must next be looked at again', () => {
  const rulesSets = [
    BUILT_IN_RULES,
    defineRules({
      version: 'other',
      rules: [
        { kind: 'recent_complaint', version: 1, windowDays: 10, level: 'major' },
        { kind: 'dissatisfied_after_response', version: 1, windowDays: 45, maxSatisfaction: 3, decisionRefused: false, reviewRequested: false },
        { kind: 'sensitive_case', version: 1, windowDays: 200, severities: ['complex'] },
        { kind: 'priority_group', version: 1, windowDays: 60, bases: ['verified', 'self_reported'] },
        { kind: 'churn_risk', version: 1, windowDays: 120, recencySteps: [{ withinDays: 7, score: 1 }, { withinDays: 40, score: 0.6 }, { withinDays: 100, score: 0.2 }] },
        { kind: 'open_overdue_complaint', version: 1 },
      ],
    }),
  ];

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('is never later than a change of any rule, over random complaints (seed %i)', (seed) => {
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    for (const rules of rulesSets) {
      const compiled = compileRules(rules);
      for (let c = 0; c < 40; c++) {
        const facts = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => {
          const day = Math.floor(rnd() * 400);
          const fu = rnd() < 0.6 ? day + 2 + Math.floor(rnd() * 30) : null;
          const decided = rnd() < 0.8;
          return toFacts(
            ComplaintRow.parse(
              row(day, 'C1', {
                status: decided ? (fu === null ? 'responded' : 'followed_up') : 'accepted',
                businessCategory: pick(['B0302', 'B0301', 'B0201', 'B04'] as const),
                intakeChannel: rnd() < 0.2 ? 'regulator_transfer' : 'hotline',
                severity: pick(['normal', 'normal', 'complex', 'sensitive', 'major'] as const),
                priorityGroups: rnd() < 0.2 ? [{ group: 'elderly', basis: pick(['verified', 'self_reported'] as const) }] : [],
                decisionDueAt: decided ? null : at(day + 15),
                ...(fu === null ? {} : { followUpAt: at(fu), satisfactionScore: 1 + Math.floor(rnd() * 5), decisionAccepted: rnd() < 0.7 }),
                ...(fu !== null && rnd() < 0.2 ? { reviewRequestedAt: at(fu + 3) } : {}),
                updatedAt: at(day + 40),
              }),
            ),
          )!;
        });
        // From a random instant, every instant before the revisit gives what that instant gives.
        let asOf = T0 + Math.floor(rnd() * 450 * DAY);
        for (let step = 0; step < 12; step++) {
          const now = evaluateCustomer(facts, asOf, compiled);
          const next = nextChangeAt(facts, asOf, compiled);
          const until = next ?? asOf + 800 * DAY;
          expect(until).toBeGreaterThanOrEqual(asOf);
          for (const t of [asOf + 1, (asOf + until) / 2, until - 1, asOf + (until - asOf) * rnd()].map(Math.floor)) {
            if (t > asOf && t < until) expect(evaluateCustomer(facts, t, compiled), `seed ${seed}, at ${t} before ${until}`).toEqual(now);
          }
          if (next === null) break;
          asOf = Math.max(next, asOf + 1);
        }
      }
    }
  });
});
