/**
 * The lifecycle steps that move the clock (docs/domain/clocks.md, docs/domain/lifecycle.md), on the
 * default (2026) calendar: new facts during handling, extension on the due day and the day after, and
 * the stored decision judged by the same rule as the clock.
 */
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../core/errors/refused-error.js';
import { computeClock } from '../clock/compute.js';
import type { Actor } from '../schemas/actor.js';
import { type Complaint, ComplaintCreate } from '../schemas/complaint.js';
import { allowedActions, applyAction, registerComplaint } from './machine.js';

// Received Mon 2026-03-02 09:00 → due Tue 03-17.
const t0 = Date.parse('2026-03-02T09:00:00+08:00');
const HOUR = 3_600_000;
const endOf = (date: string) => `${date}T23:59:59.999+08:00`;
const handler: Actor = { kind: 'staff', id: 'u-h', role: 'handler', orgId: 'BR-44' };
const manager: Actor = { kind: 'staff', id: 'u-m', role: 'manager', orgId: 'BR-44' };
const frontline: Actor = { kind: 'staff', id: 'u-f', role: 'frontline', orgId: 'BR-44' };
const customer: Actor = { kind: 'customer', id: 'C-1' };

function inProgress(): { c: Complaint; seq: number } {
  const input = ComplaintCreate.parse({
    intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01',
    complainant: { name: '张三', customerId: 'C-1' }, description: '柜面服务态度差',
  });
  let c = registerComplaint(input, { actor: handler, now: t0, seq: 1, id: 'CK20260302-000001', handlingOrgId: 'BR-44' });
  c = applyAction(c, 'accept', {}, { actor: handler, now: t0 + HOUR, seq: 2 });
  c = applyAction(c, 'start', {}, { actor: handler, now: t0 + 2 * HOUR, seq: 3 });
  return { c, seq: 4 };
}

describe('new facts during handling (new_facts)', () => {
  it('restarts the period from the day the material arrived and records it on the timeline, keeping the state', () => {
    const { c, seq } = inProgress();
    expect(c.deadlines.decisionDueAt).toBe(endOf('2026-03-17'));
    const now = Date.parse('2026-03-10T09:00:00+08:00');
    const next = applyAction(c, 'new_facts', { reason: '客户补充了交易流水', newFactsReceivedAt: '2026-03-09T15:00:00+08:00' }, { actor: handler, now, seq });
    expect(next.status).toBe('in_progress');
    expect(next.deadlines.clockStartedAt).toBe('2026-03-09T15:00:00.000+08:00');
    expect(next.deadlines.decisionDueAt).toBe(endOf('2026-03-24'));
    const event = next.timeline.at(-1);
    expect(event).toMatchObject({ type: 'new_facts', reason: '客户补充了交易流水', fromStatus: 'in_progress', toStatus: 'in_progress' });
    expect(event?.data).toMatchObject({ newFactsReceivedAt: '2026-03-09T15:00:00+08:00' });
    // The previous deadline stays in the timeline: the snapshot before the step still says 03-17.
    expect(c.deadlines.decisionDueAt).toBe(endOf('2026-03-17'));
  });

  it('is allowed to handler and manager on an open complaint being handled, refused to others and after a decision', () => {
    const { c } = inProgress();
    expect(allowedActions(c, handler)).toContain('new_facts');
    expect(allowedActions(c, manager)).toContain('new_facts');
    expect(allowedActions(c, frontline)).not.toContain('new_facts');
    expect(allowedActions(c, customer)).not.toContain('new_facts');
    expect(() => applyAction(c, 'new_facts', { reason: '新材料' }, { actor: customer, now: t0 + 5 * HOUR, seq: 9 })).toThrow(RefusedError);
    const responded = applyAction(
      c,
      'respond',
      { outcome: 'not_upheld', basis: '操作符合规定', remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: new Date(t0 + 3 * HOUR).toISOString() },
      { actor: handler, now: t0 + 4 * HOUR, seq: 9 },
    );
    // After the decision new material reopens a closed complaint instead (reopen).
    expect(allowedActions(responded, handler)).not.toContain('new_facts');
  });

  it('refuses a date of arrival in the future', () => {
    const { c, seq } = inProgress();
    const now = Date.parse('2026-03-10T09:00:00+08:00');
    expect(() => applyAction(c, 'new_facts', { reason: '新材料', newFactsReceivedAt: '2026-03-11T09:00:00+08:00' }, { actor: handler, now, seq })).toThrow(/future/);
  });
});

describe('extension on the due day and on the day after (due Tue 2026-03-17)', () => {
  const extend = (c: Complaint, at: string, seq: number) =>
    applyAction(c, 'extend', { reason: '案情复杂', complainantNotifiedAt: at }, { actor: manager, now: Date.parse(at), seq });

  it('on the due day, at 23:00: granted, due day 30 (Wed 04-01)', () => {
    const { c, seq } = inProgress();
    const next = extend(c, '2026-03-17T23:00:00+08:00', seq);
    expect(next.deadlines).toMatchObject({ extensionLevel: 1, decisionDueAt: endOf('2026-04-01') });
  });

  it('the day after (00:00:01 on 03-18): refused, the deadline it would extend has passed, and not offered', () => {
    const { c, seq } = inProgress();
    expect(() => extend(c, '2026-03-18T00:00:01+08:00', seq)).toThrow(/extension must be granted before the deadline/);
    expect(allowedActions(c, manager, { now: Date.parse('2026-03-18T00:00:01+08:00') })).not.toContain('extend');
    expect(allowedActions(c, manager, { now: Date.parse('2026-03-17T23:00:00+08:00') })).toContain('extend');
  });
});

describe('the stored decision and the clock judge met or missed by one rule, on notifiedAt', () => {
  it('told on the last day, recorded the morning after: the decision says met, and so does the clock', () => {
    const { c, seq } = inProgress();
    const next = applyAction(
      c,
      'respond',
      { outcome: 'upheld', basis: '《信用卡章程》第十条', remediesOffered: ['review'], notifiedVia: 'phone', notifiedAt: '2026-03-17T18:00:00+08:00' },
      { actor: handler, now: Date.parse('2026-03-18T09:00:00+08:00'), seq },
    );
    expect(next.decision?.timeliness).toBe('met');
    expect(computeClock(next, { now: Date.parse('2026-03-19T09:00:00+08:00') }).state).toBe('met');
  });
});
