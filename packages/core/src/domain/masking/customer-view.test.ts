/**
 * What the customer who owns a complaint reads of it (docs/domain/personal-data.md): a complaint taken
 * through the lifecycle by staff with notes, a transfer and an escalation, answered and followed up,
 * read as its customer reads it.
 */
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { applyAction, registerComplaint } from '../lifecycle/machine.js';
import type { Actor } from '../schemas/actor.js';
import { Complaint, ComplaintCreate } from '../schemas/complaint.js';
import { customerEventView, customerView } from './customer-view.js';

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const HOUR = 3_600_000;
const customer: Actor = { kind: 'customer', id: 'C-000001' };
const manager: Actor = { kind: 'staff', id: 'u-mgr-77', role: 'manager', orgId: 'BR-44' };
const handler: Actor = { kind: 'staff', id: 'u-hdl-88', role: 'handler', orgId: 'SB-440301' };
const leader: Actor = { kind: 'staff', id: 'u-lead-99', role: 'leadership', orgId: 'SB-440301' };
const NOTES = ['身份已核实', '属地管理，转支行', '涉众，需包案', '客户情绪激动，回访时注意'];

/** Registered by the customer, then accepted with a note, transferred, started, escalated, extended, answered, followed up twice. */
function handled(): Complaint {
  let seq = 1;
  let now = T0;
  let c = registerComplaint(
    ComplaintCreate.parse({
      intakeChannel: 'mobile_app', businessChannel: 'A010303', businessCategory: 'B0302', cause: 'C11',
      complainant: { name: '张三', phone: '13812345678', customerId: 'C-000001' },
      description: '信用卡年费未经告知被扣收', subjectStaffId: 'u-sub-11',
      suggestion: { model: 'nb1-3f9a2c0d1e2f3a4b', businessCategory: ['B0302'], cause: ['C11'] },
    }),
    { actor: customer, now, seq, id: 'CK20260302-000001', handlingOrgId: 'BR-44' },
  );
  const step = (actor: Actor, action: Parameters<typeof applyAction>[1], body: unknown) => {
    now += HOUR;
    c = applyAction(c, action, body, { actor, now, seq: ++seq });
  };
  step(manager, 'accept', { note: NOTES[0] });
  step(manager, 'transfer', { toOrgId: 'SB-440301', toAssigneeId: 'u-hdl-88', reason: NOTES[1] });
  step(handler, 'start', { note: '开始调查' });
  step(handler, 'escalate', { severity: 'sensitive', leaderId: 'u-lead-99', reason: NOTES[2] });
  step(leader, 'extend', { reason: '需调取交易凭证', complainantNotifiedAt: new Date(now).toISOString() });
  step(leader, 'respond', {
    outcome: 'partly_upheld', basis: '《信用卡章程》第十条', remedy: '退还年费', amount: 200,
    remediesOffered: ['review', 'mediation'], notifiedVia: 'app', notifiedAt: new Date(now).toISOString(),
  });
  step(handler, 'follow_up', { reached: false, comment: NOTES[3] });
  step(customer, 'follow_up', { reached: true, satisfaction: 4, decisionAccepted: true, comment: '处理及时' });
  return c;
}

describe('customerView: what the customer who owns a complaint reads', () => {
  const full = handled();
  const seen = customerView(full);
  const wire = JSON.stringify(seen);

  it('carries no staff id and no internal note, anywhere', () => {
    for (const id of ['u-mgr-77', 'u-hdl-88', 'u-lead-99', 'u-sub-11', 'nb1-3f9a2c0d1e2f3a4b']) expect(wire).not.toContain(id);
    for (const note of [...NOTES, '开始调查']) expect(wire).not.toContain(note);
    expect(wire).not.toMatch(/"role"|"warnAt"|"severity"|"assigneeId"|"leaderId"|"firstResponder"/);
    // What staff read has them all: the projection is what removes them.
    const staff = JSON.stringify(full);
    for (const s of ['u-mgr-77', 'u-hdl-88', 'u-lead-99', ...NOTES]) expect(staff).toContain(s);
  });

  it('keeps every step with its type, time, states and organisation, and the bank’s answer to them', () => {
    expect(seen.timeline.map((e) => [e.type, e.at, e.fromStatus, e.toStatus])).toEqual(full.timeline.map((e) => [e.type, e.at, e.fromStatus, e.toStatus]));
    expect(seen.timeline.map((e) => (e.actor.kind === 'staff' ? e.actor.orgId : e.actor.kind))).toEqual([
      'customer', 'BR-44', 'BR-44', 'SB-440301', 'SB-440301', 'SB-440301', 'SB-440301', 'SB-440301', 'customer',
    ]);
    const transfer = seen.timeline.find((e) => e.type === 'transfer');
    expect(transfer?.data).toEqual({ toOrgId: 'SB-440301', fromOrgId: 'BR-44' });
    expect(transfer?.reason).toBeNull();
    // What the bank tells them: the extension's reason, the decision.
    expect(seen.timeline.find((e) => e.type === 'extend')).toMatchObject({ reason: '需调取交易凭证', data: { level: 1 } });
    expect(seen.decision).toEqual(full.decision);
    expect(seen.decision).toMatchObject({ outcome: 'partly_upheld', basis: '《信用卡章程》第十条', remedy: '退还年费', amount: 200 });
    expect(seen.deadlines).toMatchObject({ decisionDueAt: full.deadlines.decisionDueAt, extensionLevel: 1, paused: false });
    expect(seen.complainant).toEqual(full.complainant);
    expect(seen.handlingOrgId).toBe('SB-440301');
  });

  it('keeps the follow-ups and satisfaction, with a comment only where the customer wrote it', () => {
    expect(seen.followUps.map((f) => [f.attempt, f.reached, f.score, f.decisionAccepted, f.comment])).toEqual([
      [1, false, null, null, null],
      [2, true, 4, true, '处理及时'],
    ]);
    expect(seen.timeline.at(-1)?.data).toEqual({ reached: true, satisfaction: 4, decisionAccepted: true, comment: '处理及时' });
  });

  it('is a Complaint on the wire, and reading it again changes nothing', () => {
    expect(z.safeParse(Complaint, JSON.parse(wire)).success).toBe(true);
    expect(customerView(seen)).toEqual(seen);
    expect(seen.timeline.map(customerEventView)).toEqual(seen.timeline);
  });
});
