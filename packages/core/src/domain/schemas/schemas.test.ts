/**
 * The wire schemas: a realistic registration passes, bad fields are refused with their path named,
 * and every schema of the HTTP contract turns into JSON Schema (the server builds OpenAPI from them).
 */
import * as z from 'zod/mini';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ACTION_ENDPOINTS, ENDPOINTS, type Endpoint } from '../contract/endpoints.js';
import { COMPLAINT_ACTIONS } from '../lifecycle/states.js';
import { ACTION_BODIES, type ActionInput } from './actions.js';
import { registerComplaint } from '../lifecycle/machine.js';
import { AlertRule, AlertRuleInput } from './alerts.js';
import { Complaint, ComplaintCreate, type ComplaintCreateInput } from './complaint.js';
import { codePointLength, hasBidiOverride, hasVisibleText } from './primitives.js';
import { Problem } from './problem.js';
import { ComplaintListQuery } from './query.js';

const realistic: ComplaintCreateInput = {
  intakeChannel: 'regulator_transfer',
  regulatorReference: '12378-2025-0301-00042',
  businessChannel: 'A010303',
  businessCategory: 'B0302',
  cause: 'C11',
  complainant: {
    name: '张三',
    phone: '+8613812345678',
    idNumber: '11010519491231002X',
    cardNumber: '6222021234567890128',
    customerId: 'C-1001',
    representative: { name: '张小明', relation: 'agent', powerOfAttorney: true },
    priorityGroups: [{ group: 'elderly', basis: 'verified' }],
  },
  description: '  信用卡年费 200 元未经告知被扣收，多次致电客服未获解决。  ',
  requestedResolution: '退还年费并道歉',
  attachments: [{ name: '扣费短信截图.jpg', contentType: 'image/jpeg', size: 182_044 }],
  severity: 'sensitive',
  regionCode: '440300',
  receivedAt: '2025-03-03T09:15:00+08:00',
  subjectStaffId: 'u-2001',
};

const pathsOf = (r: { success: boolean; error?: z.core.$ZodError }) =>
  r.success ? [] : r.error!.issues.map((i) => i.path.join('.'));

describe('ComplaintCreate', () => {
  it('accepts a realistic complaint, trimming free text and filling defaults', () => {
    const c = ComplaintCreate.parse(realistic);
    expect(c.description).toBe('信用卡年费 200 元未经告知被扣收，多次致电客服未获解决。');
    expect(c.complainant.priorityGroups).toEqual([{ group: 'elderly', basis: 'verified' }]);
    const minimal = ComplaintCreate.parse({
      intakeChannel: 'outlet',
      businessChannel: 'A0101',
      businessCategory: 'B01',
      cause: 'C01',
      complainant: { name: '李四' },
      description: '柜员态度恶劣',
    });
    expect(minimal).toMatchObject({ severity: 'normal', attachments: [], complainant: { priorityGroups: [] } });
    // Left out, the region is filled from the handling organisation at registration (regionFor).
    expect(minimal.regionCode).toBeUndefined();
  });

  it.each([
    ['intakeChannel', { intakeChannel: 'fax' }],
    ['businessChannel', { businessChannel: 'A9' }],
    ['businessCategory', { businessCategory: 'B11' }],
    ['cause', { cause: 'C13' }],
    ['description', { description: '   ' }],
    ['description', { description: 'x'.repeat(5001) }],
    ['severity', { severity: 'urgent' }],
    ['regionCode', { regionCode: '44' }],
    ['receivedAt', { receivedAt: '2025-03-03 09:15' }],
    ['receivedAt', { receivedAt: '2025-03-03T09:15:00' }],
    ['repeatOf', { repeatOf: '42' }],
    ['attachments.0.size', { attachments: [{ name: 'a.pdf', contentType: 'application/pdf', size: -1 }] }],
    ['attachments.0.contentType', { attachments: [{ name: 'a.pdf', contentType: 'pdf', size: 1 }] }],
    ['complainant.name', { complainant: { name: '' } }],
    ['complainant.phone', { complainant: { name: '张三', phone: 'call me' } }],
    ['complainant.idNumber', { complainant: { name: '张三', idNumber: '44030119900101123' } }],
    ['complainant.cardNumber', { complainant: { name: '张三', cardNumber: '6222-0212' } }],
    // GB 11643 check character wrong, or a date of birth that does not exist; Luhn fails; not a mainland number.
    ['complainant.idNumber', { complainant: { name: '张三', idNumber: '110105194912310021' } }],
    ['complainant.idNumber', { complainant: { name: '张三', idNumber: '440301199002301233' } }],
    ['complainant.cardNumber', { complainant: { name: '张三', cardNumber: '6222021234567890123' } }],
    ['complainant.phone', { complainant: { name: '张三', phone: '23812345678' } }],
    ['complainant.phone', { complainant: { name: '张三', phone: '138 1234 5678 ext' } }],
    ['complainant.cardNumber', { complainant: { name: '张三', cardNumber: '6222  0212 3456 7890 128' } }],
    ['complainant.representative.relation', { complainant: { name: '张三', representative: { name: '李四', relation: 'friend', powerOfAttorney: false } } }],
    ['complainant.priorityGroups.0.group', { complainant: { name: '张三', priorityGroups: [{ group: 'vip', basis: 'verified' }] } }],
    ['complainant.priorityGroups.0.basis', { complainant: { name: '张三', priorityGroups: [{ group: 'police', basis: 'inferred' }] } }],
  ])('rejects a bad %s and names it', (path, patch) => {
    const r = ComplaintCreate.safeParse({ ...realistic, ...patch });
    expect(r.success).toBe(false);
    expect(pathsOf(r)).toContain(path);
  });

  it.each([
    ['description', { description: '\u200B' }],
    ['description', { description: ' \u200C\u200D\u2060 ' }],
    ['description', { description: '\uFEFF\u3000\u200B' }],
    ['complainant.name', { complainant: { name: '\u200B\u200B' } }],
    ['requestedResolution', { requestedResolution: '\u2060' }],
  ])('refuses %s of only white space or zero-width characters, as it refuses empty text', (path, over) => {
    const r = ComplaintCreate.safeParse({ ...realistic, ...over });
    expect(pathsOf(r)).toEqual([path]);
    expect(r.error?.issues[0]?.message).toMatch(/visible text/);
  });

  it.each([
    ['description', { description: '\u202E\u2066' }],
    ['description', { description: '\u200E\u200F\u00AD' }],
    ['complainant.name', { complainant: { name: '\u3164' } }],
    ['complainant.name', { complainant: { name: '\u2800\u115F' } }],
    ['requestedResolution', { requestedResolution: '\u061C\u2069\uFE0F' }],
  ])('refuses %s of only invisible format characters (direction marks and overrides, soft hyphen, Hangul fillers), which a list shows as a blank line', (path, over) => {
    const r = ComplaintCreate.safeParse({ ...realistic, ...over });
    expect(pathsOf(r)).toEqual([path]);
    expect(r.error?.issues[0]?.message).toMatch(/visible text/);
    expect(hasVisibleText((over as { description?: string }).description ?? '\u200E')).toBe(false);
  });

  it.each([
    ['tag characters (U+E0000–E007F)', 'description', { description: '\u{E0001}\u{E0063}\u{E006E}\u{E007F}' }],
    ['the variation selectors supplement (U+E0100–E01EF)', 'description', { description: '\u{E0100}\u{E01EF}' }],
    ['the Khmer inherent vowels U+17B4–U+17B5', 'complainant.name', { complainant: { name: '\u17B4\u17B5' } }],
  ])('refuses text of only %s in %s, as it refuses empty text', (_, path, over) => {
    const r = ComplaintCreate.safeParse({ ...realistic, ...over });
    expect(pathsOf(r)).toEqual([path]);
    expect(r.error?.issues[0]?.message).toMatch(/visible text/);
    const value = (over as { description?: string }).description ?? (over as { complainant: { name: string } }).complainant.name;
    expect(hasVisibleText(value)).toBe(false);
  });

  it.each([
    ['description', { description: '\u202E测试' }],
    ['description', { description: '年费\u202A被扣\u202C' }],
    ['complainant.name', { complainant: { name: '\u202D张三' } }],
    ['requestedResolution', { requestedResolution: '退还\u202B年费' }],
  ])('refuses %s holding a bidirectional embedding or override control, saying to remove it', (path, over) => {
    const r = ComplaintCreate.safeParse({ ...realistic, ...over });
    expect(pathsOf(r)).toEqual([path]);
    expect(r.error?.issues[0]?.message).toMatch(/^must not contain the bidirectional embedding or override controls U\+202A to U\+202E .*: remove them/);
    const value = (over as { description?: string }).description ?? (over as { requestedResolution?: string }).requestedResolution ?? '\u202D';
    expect(hasBidiOverride(value)).toBe(true);
  });

  it('keeps the isolates U+2066–U+2069, the way to mix directions (a Uyghur name in Chinese text)', () => {
    const name = '\u2067ئابدۇرېھىم\u2069';
    const c = ComplaintCreate.parse({ ...realistic, complainant: { ...realistic.complainant, name }, description: `客户 \u2067ئابدۇرېھىم\u2069 反映年费被扣` });
    expect(c.complainant.name).toBe(name);
    expect(hasBidiOverride(c.description)).toBe(false);
  });

  it('still counts a character beyond U+FFFF that shows (an emoji, CJK Extension B) as visible text', () => {
    for (const shows of ['😀', '𠀀', '\u{E0041}𠀀']) expect([shows, hasVisibleText(shows)]).toEqual([shows, true]);
    expect(ComplaintCreate.parse({ ...realistic, description: '𠀀\u{E0100}' }).description).toBe('𠀀\u{E0100}');
  });

  it('keeps text that has a direction mark or a variation selector beside visible ones', () => {
    expect(ComplaintCreate.parse({ ...realistic, description: '\u200F年费被扣\u2764\uFE0F' }).description).toBe('\u200F年费被扣\u2764\uFE0F');
  });

  it('refuses a step reason, a decision basis and an alert rule name of only zero-width characters', () => {
    expect(pathsOf(ACTION_BODIES.transfer.safeParse({ toOrgId: 'BR-11', reason: '\u200B\u3000' }))).toEqual(['reason']);
    const respond = { outcome: 'upheld', basis: '\uFEFF\u200D', remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: '2026-03-12T15:00:00+08:00' };
    expect(pathsOf(ACTION_BODIES.respond.safeParse(respond))).toEqual(['basis']);
    expect(pathsOf(AlertRuleInput.safeParse({ name: '\u200B' })).includes('name')).toBe(true);
  });

  it('counts free text in characters (code points) as the OpenAPI maxLength does, so 5,000 emoji or rare CJK characters fit (not UTF-16 units)', () => {
    expect(ComplaintCreate.safeParse({ ...realistic, description: '🙏'.repeat(5000) }).success).toBe(true);
    expect(ComplaintCreate.safeParse({ ...realistic, complainant: { name: '𠀀'.repeat(64) } }).success).toBe(true);
    const over = ComplaintCreate.safeParse({ ...realistic, description: '🙏'.repeat(5001) });
    expect(pathsOf(over)).toEqual(['description']);
    expect(pathsOf(ComplaintCreate.safeParse({ ...realistic, description: 'x'.repeat(5001) }))).toEqual(['description']);
  });

  it('keeps text that has a zero-width character beside visible ones', () => {
    expect(ComplaintCreate.parse({ ...realistic, description: '年费\u200B被扣' }).description).toBe('年费\u200B被扣');
  });


  it.each([
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '+8613812345678'],
    ['0086 138-1234-5678', '+8613812345678'],
    ['(0755) 8765-4321', '075587654321'],
    ['１３８１２３４５６７８', '13812345678'],
  ])('takes the phone number %s as people type it and stores %s', (phone, stored) => {
    expect(ComplaintCreate.parse({ ...realistic, complainant: { name: '张三', phone } }).complainant.phone).toBe(stored);
  });

  it('takes spaced ID and card numbers and stores them compact, X upper-case', () => {
    const c = ComplaintCreate.parse({
      ...realistic,
      complainant: { name: '张三', idNumber: '110105 19491231 002x', cardNumber: '6222 0212 3456 7890 128' },
    });
    expect(c.complainant).toMatchObject({ idNumber: '11010519491231002X', cardNumber: '6222021234567890128' });
  });

  it('names every missing required field', () => {
    const r = ComplaintCreate.safeParse({});
    expect(pathsOf(r).sort()).toEqual(['businessCategory', 'businessChannel', 'cause', 'complainant', 'description', 'intakeChannel']);
  });
});

describe('free text stored before requests needed visible text', () => {
  // A release before the visible-text rule stored text of only a zero-width space; such records must
  // still read wherever the service returns them (the client checks responses with these schemas).
  const invisible = '\u200B';
  const stored = () => {
    const c = registerComplaint(ComplaintCreate.parse({ ...realistic, intakeChannel: 'regulator_transfer' }), {
      actor: { kind: 'staff', id: 'u-1', role: 'frontline', orgId: 'SB-440301' },
      now: Date.parse('2025-03-03T10:00:00+08:00'),
      seq: 1,
      id: 'CK20250303-000043',
      handlingOrgId: 'SB-440301',
    });
    // Every free-text field a record holds, as text of only a zero-width space (a plain JSON copy).
    const doc = JSON.parse(
      JSON.stringify(c)
        .replaceAll('"张三"', JSON.stringify(invisible))
        .replaceAll('"张小明"', JSON.stringify(invisible))
        .replaceAll('"扣费短信截图.jpg"', JSON.stringify(invisible)),
    ) as Record<string, unknown>;
    Object.assign(doc, { description: invisible, requestedResolution: invisible, regulatorReference: invisible });
    doc.suggestion = { model: invisible, businessCategory: ['B0302'], cause: ['C11'] };
    doc.decision = {
      outcome: 'upheld', remedy: invisible, basis: invisible, remediesOffered: ['review'], notifiedVia: 'phone',
      notifiedAt: '2025-03-10T10:00:00+08:00', respondedAt: '2025-03-10T10:00:00+08:00', decidingOrgId: 'SB-440301',
      dueAt: '2025-03-18T23:59:59.999+08:00', timeliness: 'met',
    };
    return doc;
  };

  it('reads as a complaint and on a list page, every such field kept as it was', () => {
    const doc = stored();
    const c = Complaint.parse(doc);
    expect([c.description, c.complainant.name, c.complainant.representative?.name, c.attachments[0]?.name, c.decision?.basis, c.suggestion?.model]).toEqual(Array(6).fill(invisible));
    expect(ENDPOINTS.listComplaints.response.safeParse({ data: [doc], nextCursor: null }).success).toBe(true);
  });

  it('reads as an alert rule, while the same name is refused in a new rule', () => {
    const rule = { name: invisible, metric: 'volume', direction: 'above', threshold: 5, id: 'r-1', orgId: 'HQ', createdBy: 'u-1', createdAt: '2025-03-03T10:00:00+08:00', updatedAt: '2025-03-03T10:00:00+08:00' };
    expect(AlertRule.safeParse(rule).success).toBe(true);
    expect(pathsOf(AlertRuleInput.safeParse(rule))).toEqual(['name']);
  });

  it('is still refused in a registration (the request keeps the rule), which hasVisibleText predicts', () => {
    expect(ComplaintCreate.safeParse({ ...realistic, description: stored().description }).success).toBe(false);
    expect(hasVisibleText(invisible)).toBe(false);
    expect(hasVisibleText(' 年费\u200B ')).toBe(true);
  });
});

describe('codePointLength', () => {
  // The schemas' limits count code points: a form that counts with codePointLength refuses exactly
  // what they refuse, emoji and CJK Extension B (two UTF-16 units each) included.
  it.each([
    ['BMP text', '投'],
    ['CJK Extension B', '\u{20000}'],
    ['an emoji', '😀'],
    ['a flag (two code points)', '🇨🇳'],
  ])('predicts the registration schema at the description limit for %s', (_, ch) => {
    const at = ch.repeat(Math.floor(5000 / codePointLength(ch)));
    const over = `${at}${ch}`;
    expect(codePointLength(at)).toBeLessThanOrEqual(5000);
    expect(codePointLength(over)).toBeGreaterThan(5000);
    expect(ComplaintCreate.safeParse({ ...realistic, description: at }).success).toBe(true);
    expect(pathsOf(ComplaintCreate.safeParse({ ...realistic, description: over }))).toEqual(['description']);
  });

  it('counts a surrogate pair once and a lone surrogate as itself', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('张三')).toBe(2);
    expect(codePointLength('𠀀😀')).toBe(2);
    expect(codePointLength('\uD800x\uDC00')).toBe(3);
    expect(codePointLength('a\uD83D')).toBe(2);
  });
});

describe('ComplaintListQuery', () => {
  it('takes repeated filters and defaults the page size', () => {
    expect(ComplaintListQuery.parse({ status: ['accepted', 'in_progress'], overdue: true })).toMatchObject({
      status: ['accepted', 'in_progress'],
      overdue: true,
      limit: 20,
    });
  });
  it.each([
    ['limit', { limit: 101 }],
    ['limit', { limit: 0 }],
    ['status.0', { status: ['draft'] }],
    ['region', { region: 'Guangdong' }],
  ])('rejects a bad %s', (path, q) => {
    expect(pathsOf(ComplaintListQuery.safeParse(q))).toContain(path);
  });
});

describe('the contract', () => {
  const all: [string, Endpoint][] = [
    ...Object.entries(ENDPOINTS),
    ...Object.entries(ACTION_ENDPOINTS as Record<string, Endpoint>),
  ];

  it('has one endpoint per action, at /v1/complaints/{id}/{action with - for _}', () => {
    expect(Object.keys(ACTION_ENDPOINTS).sort()).toEqual([...COMPLAINT_ACTIONS].sort());
    expect(ACTION_ENDPOINTS.follow_up.path).toBe('/v1/complaints/{id}/follow-up');
    expect(ACTION_ENDPOINTS.request_review.path).toBe('/v1/complaints/{id}/request-review');
    for (const a of COMPLAINT_ACTIONS) {
      expect(ACTION_ENDPOINTS[a]).toMatchObject({ method: 'POST', idempotent: true, successStatus: 200 });
      expect(ACTION_ENDPOINTS[a].body).toBe(ACTION_BODIES[a]);
    }
    const ids = all.map(([, e]) => e.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(all)('%s: bodies and queries (io input) and responses (io output) convert to JSON Schema', (_name, e) => {
    for (const [schema, io] of [
      [e.body, 'input'],
      [e.query, 'input'],
      [e.response, 'output'],
    ] as const) {
      if (!schema) continue;
      const json = z.toJSONSchema(schema, { io });
      expect(json.type).toBe('object');
      expect(json.properties).toBeTypeOf('object');
    }
  });

  it('an action body defaulted on input is optional on input and present on output', () => {
    const input = z.toJSONSchema(ACTION_BODIES.hold, { io: 'input' });
    const output = z.toJSONSchema(ACTION_BODIES.hold, { io: 'output' });
    expect(input.required).toEqual(['reason']);
    expect(output.required).toContain('complainantNotified');
  });

  it('the Problem document and the complaint also convert', () => {
    expect(z.toJSONSchema(Problem, { io: 'output' }).required).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code']));
    const c = z.toJSONSchema(Complaint, { io: 'output' });
    expect(c.required).toEqual(expect.arrayContaining(['id', 'status', 'registeredBy', 'deadlines', 'decision', 'followUps', 'timeline']));
    // The bank's own fields are optional on the wire: absent when the reader is the customer (customerView).
    for (const staffOnly of ['firstResponder', 'assigneeId', 'leaderId', 'severity']) expect(c.required).not.toContain(staffOnly);
  });
});

describe('complaintNumber', () => {
  it('dates a number by the Beijing day of receipt and pads the counter, in the ComplaintId format', async () => {
    const { complaintNumber, ComplaintId } = await import('./primitives.js');
    expect(complaintNumber(Date.parse('2026-03-01T15:59:59Z'), 42)).toBe('CK20260301-000042');
    expect(complaintNumber(Date.parse('2026-03-01T16:00:00Z'), 42)).toBe('CK20260302-000042'); // 00:00 in Beijing
    expect(complaintNumber(0, 1_234_567)).toBe('CK19700101-1234567');
    expect(ComplaintId.safeParse(complaintNumber(Date.now(), 7)).success).toBe(true);
  });
});

describe('action inputs', () => {
  it('each action\'s documented input interface is exactly its schema\'s input type (checked by tsc)', () => {
    type Mismatched = {
      [A in keyof typeof ACTION_BODIES]: [ActionInput<A>] extends [z.input<(typeof ACTION_BODIES)[A]>]
        ? [z.input<(typeof ACTION_BODIES)[A]>] extends [ActionInput<A>]
          ? never
          : A
        : A;
    }[keyof typeof ACTION_BODIES];
    expectTypeOf<Mismatched>().toEqualTypeOf<never>();
    // and at run time, the example of the docs parses
    expect(ACTION_BODIES.hold.parse({ reason: '鉴定' } satisfies ActionInput<'hold'>)).toEqual({ reason: '鉴定', complainantNotified: true });
  });
});
