import { describe, expect, it } from 'vitest';
import { TAG_DEFINITIONS, tagCode } from './tag-codes.js';

describe('tag catalogue', () => {
  it('has every code once, so a retired code can never come back under the same name', () => {
    const codes = TAG_DEFINITIONS.map((d) => d.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('lists the labels docs/domain names for the CRM', () => {
    expect(TAG_DEFINITIONS.map((d) => d.code)).toEqual(
      expect.arrayContaining([
        'repeat_complainer',
        'recent_complaint:',
        'dissatisfied_after_response',
        'regulator_referred',
        'sensitive_case',
        'priority_group:',
        'open_overdue_complaint',
        'churn_risk:',
      ]),
    );
  });

  it('builds parameterised codes and refuses a missing or unexpected parameter', () => {
    expect(tagCode('recent_complaint:', 'B0302')).toBe('recent_complaint:B0302');
    expect(tagCode('repeat_complainer')).toBe('repeat_complainer');
    expect(() => tagCode('churn_risk:')).toThrow(/needs a parameter/);
    expect(() => tagCode('repeat_complainer', 'x' as never)).toThrow(/takes no parameter/);
  });

  it('refuses an unknown code and names the live ones', () => {
    expect(() => tagCode('vip')).toThrow(/live codes: repeat_complainer/);
  });
});
