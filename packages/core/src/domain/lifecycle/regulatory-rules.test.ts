import { describe, expect, it } from 'vitest';
import type { Actor } from '../schemas/actor.js';
import type { Complaint } from '../schemas/complaint.js';
import { ComplaintCreate } from '../schemas/complaint.js';
import { allowedActions, applyAction, registerComplaint } from './machine.js';

const t0 = Date.parse('2026-03-02T09:00:00+08:00');
const handler: Actor = { kind: 'staff', id: 'u-h', role: 'handler', orgId: 'BR-44' };
const customer: Actor = { kind: 'customer', id: 'C-1' };

function responded(): Complaint {
  const input = ComplaintCreate.parse({
    intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01',
    complainant: { name: '张三', customerId: 'C-1' }, description: '柜面服务态度差',
  });
  let c = registerComplaint(input, { actor: handler, now: t0, seq: 1, id: 'CK20260302-000001', handlingOrgId: 'BR-44' });
  let seq = 2;
  const step = (action: Parameters<typeof applyAction>[1], body: unknown, actor: Actor = handler) => {
    c = applyAction(c, action, body, { actor, now: t0 + seq * 3_600_000, seq: seq++ });
  };
  step('accept', {});
  step('start', {});
  step('respond', { outcome: 'not_upheld', basis: '操作符合规定', remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: new Date(t0 + 3.5 * 3_600_000).toISOString() });
  return c;
}

describe('request_review (核查)', () => {
  it('moves the complaint to the reviewing organisation, unassigned, and records who decided', () => {
    const c = responded();
    const next = applyAction(c, 'request_review', { reason: '不服处理结果' }, { actor: customer, now: t0 + 86_400_000, seq: 9, reviewerOrgId: 'HO' });
    expect(next.status).toBe('under_review');
    expect(next.handlingOrgId).toBe('HO');
    expect(next.assigneeId).toBeNull();
    expect(next.timeline.at(-1)?.data).toMatchObject({ decidedByOrgId: 'BR-44', reviewerOrgId: 'HO' });
    expect(next.deadlines.reviewDueAt).not.toBeNull();
  });

  it('is offered by allowedActions only within 30 days of the complainant being told', () => {
    const c = responded();
    const last = Date.parse(c.deadlines.clockStartedAt) + 40 * 86_400_000;
    expect(allowedActions(c, customer, { now: t0 + 86_400_000 })).toContain('request_review');
    expect(allowedActions(c, customer, { now: last })).not.toContain('request_review');
  });

  it('stays where it is when no reviewer is named (a head-office decision has no parent)', () => {
    const c = responded();
    const next = applyAction(c, 'request_review', { reason: '不服' }, { actor: customer, now: t0 + 86_400_000, seq: 9 });
    expect(next.handlingOrgId).toBe('BR-44');
    expect(next.assigneeId).toBe(c.assigneeId);
  });
});

describe('extend', () => {
  const manager: Actor = { kind: 'staff', id: 'u-m', role: 'manager', orgId: 'BR-44' };
  const started = () => {
    const input = ComplaintCreate.parse({
      intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01',
      complainant: { name: '张三' }, description: '案情复杂',
    });
    const c = registerComplaint(input, { actor: handler, now: t0, seq: 1, id: 'CK20260302-000002', handlingOrgId: 'BR-44' });
    return applyAction(applyAction(c, 'accept', {}, { actor: handler, now: t0 + 1000, seq: 2 }), 'start', {}, { actor: handler, now: t0 + 2000, seq: 3 });
  };
  const body = { reason: '案情复杂', complainantNotifiedAt: new Date(t0).toISOString() };

  it('is granted up to the last millisecond of the running period', () => {
    const c = started();
    const due = Date.parse(c.deadlines.decisionDueAt as string);
    expect(applyAction(c, 'extend', body, { actor: manager, now: due, seq: 4 }).deadlines.extensionLevel).toBe(1);
  });

  it('is refused once the deadline has passed, so a missed deadline cannot be turned into a met one', () => {
    const c = started();
    const due = Date.parse(c.deadlines.decisionDueAt as string);
    expect(() => applyAction(c, 'extend', body, { actor: manager, now: due + 1, seq: 4 })).toThrow(/before the deadline it extends/);
  });

  it('is offered by allowedActions exactly while it can be granted', () => {
    const c = started();
    const due = Date.parse(c.deadlines.decisionDueAt as string);
    expect(allowedActions(c, manager, { now: due })).toContain('extend');
    expect(allowedActions(c, manager, { now: due + 1 })).not.toContain('extend');
    expect(allowedActions(c, manager)).toContain('extend'); // without a time, the state and role rules only
  });
});
