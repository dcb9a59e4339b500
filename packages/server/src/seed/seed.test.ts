import {
  type Actor,
  type Complaint,
  type ComplaintAction,
  ComplaintCreate,
  Complaint as ComplaintSchema,
  Organisation as OrganisationSchema,
  type StaffRole,
  applyAction,
  computeClock,
  isOpen,
  majorBusinessClass,
  registerComplaint,
} from '@complaintkit/core/domain';
import { describe, expect, it } from 'vitest';
import { generateDemoBank } from './index.js';
import { idCheckChar, luhnCheckDigit } from './people.js';

const ROLES: readonly StaffRole[] = ['frontline', 'handler', 'manager', 'leadership', 'auditor'];
const NOW = Date.parse('2026-11-29T02:00:00Z'); // a Sunday, 10:00 in Beijing
const DAY = 86_400_000;
const bank = generateDemoBank({ seed: 42, now: NOW });
const { organisations, staff, complaints, demoActors } = bank;
const orgById = new Map(organisations.map((o) => [o.id, o]));
const byId = new Map(complaints.map((c) => [c.id, c]));

const share = (pred: (c: Complaint) => boolean, among: readonly Complaint[] = complaints) => among.filter(pred).length / among.length;
const localDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
const firstDecision = (c: Complaint) => c.timeline.find((e) => e.type === 'respond' && e.fromStatus !== 'under_review');

/** Rebuilds a complaint from its own timeline with core's lifecycle, step by step. */
function replay(c: Complaint): { result: Complaint; wrongStatus: string[] } {
  const [reg, ...rest] = c.timeline;
  if (!reg) throw new Error(`${c.id} has an empty timeline`);
  const handlingOrgId = reg.data.handlingOrgId as string;
  // What registration computes (identity facts) is not part of the input.
  const { identityVerified: _v, phoneHash: _p, idNumberHash: _i, ...complainant } = c.complainant;
  const input = ComplaintCreate.parse({
    intakeChannel: c.intakeChannel,
    ...(c.regulatorReference ? { regulatorReference: c.regulatorReference } : {}),
    businessChannel: c.businessChannel,
    businessCategory: c.businessCategory,
    cause: c.cause,
    description: c.description,
    ...(c.requestedResolution ? { requestedResolution: c.requestedResolution } : {}),
    attachments: c.attachments,
    severity: 'normal',
    regionCode: c.regionCode,
    ...(c.subjectStaffId ? { subjectStaffId: c.subjectStaffId } : {}),
    complainant,
    handlingOrgId,
    receivedAt: c.receivedAt,
    ...(c.repeatOf ? { repeatOf: c.repeatOf } : {}),
  });
  let result = registerComplaint(input, { actor: reg.actor as Actor, now: Date.parse(reg.at), seq: reg.seq, id: c.id, handlingOrgId });
  const wrongStatus: string[] = [];
  for (const e of rest) {
    result = applyAction(result, e.type as ComplaintAction, e.data, { actor: e.actor as Actor, now: Date.parse(e.at), seq: e.seq });
    if (result.status !== e.toStatus) wrongStatus.push(`${c.id} #${e.seq} ${e.type}: ${result.status} ≠ ${e.toStatus}`);
  }
  return { result, wrongStatus };
}

describe('determinism', () => {
  const small = { now: Date.parse('2025-07-01T04:34:56Z'), months: 3 };

  it('gives byte-identical output for the same seed and now, and different output for another seed', () => {
    const a = JSON.stringify(generateDemoBank({ seed: 42, ...small }));
    expect(JSON.stringify(generateDemoBank({ seed: 42, ...small }))).toBe(a);
    expect(JSON.stringify(generateDemoBank({ seed: 7, ...small }))).not.toBe(a);
  });

  it('keeps the demo actors whatever the window, so demo tokens stay valid across restarts', () => {
    expect(generateDemoBank({ seed: 42, ...small }).demoActors).toEqual(demoActors);
  });

  it('ends at the current time by default', () => {
    const before = Date.now();
    const recent = generateDemoBank({ months: 1 });
    const times = recent.complaints.map((c) => Date.parse(c.receivedAt));
    expect(Math.max(...times)).toBeLessThanOrEqual(Date.now());
    expect(Math.min(...times)).toBeGreaterThan(before - 32 * DAY);
  });

  it('refuses a window that is not a positive number of months', () => {
    expect(() => generateDemoBank({ months: 0 })).toThrow(RangeError);
  });
});

describe('organisations and staff', () => {
  it('forms one tree under the head office in Beijing', () => {
    const heads = organisations.filter((o) => o.parentId === null);
    expect(heads).toEqual([expect.objectContaining({ kind: 'head_office', regionCode: '110000' })]);
    for (const o of organisations) {
      expect(() => OrganisationSchema.parse(o)).not.toThrow();
      if (o.parentId !== null) expect(orgById.has(o.parentId), `${o.id}'s parent ${o.parentId}`).toBe(true);
    }
    expect(new Set(organisations.map((o) => o.id)).size).toBe(organisations.length);
  });

  it('gives six-digit GB/T 2260 codes to all but the functional centres, within their province', () => {
    const province = (id: string): string => {
      const o = orgById.get(id)!;
      return o.parentId === 'HO' || o.parentId === null ? o.id : province(o.parentId);
    };
    for (const o of organisations) {
      if (o.kind === 'centre') expect(o.regionCode).toBeNull();
      else {
        expect(o.regionCode).toMatch(/^\d{6}$/);
        expect(o.regionCode!.slice(0, 2)).toBe(orgById.get(province(o.id))!.regionCode!.slice(0, 2));
      }
    }
    expect(organisations.filter((o) => o.kind === 'centre').map((o) => o.id).sort()).toEqual(['CC', 'RB']);
    expect(orgById.get('BR-4403')).toMatchObject({ parentId: 'BR-44', regionCode: '440300', name: '深圳分行' });
    expect(organisations.filter((o) => o.kind === 'branch' && o.parentId === 'HO').length).toBeGreaterThanOrEqual(7);
  });

  it('counts outlets and customers so that no parent has fewer than its children', () => {
    for (const o of organisations) {
      const children = organisations.filter((c) => c.parentId === o.id && c.outletCount !== undefined);
      if (children.length === 0) continue;
      expect(o.outletCount!).toBeGreaterThanOrEqual(children.reduce((n, c) => n + c.outletCount!, 0));
      expect(o.customerCount!).toBeGreaterThanOrEqual(children.reduce((n, c) => n + (c.customerCount ?? 0), 0));
    }
    expect(orgById.get('HO')!.outletCount).toBeGreaterThan(500);
  });

  it('has staff of every role with sequential ids at existing organisations', () => {
    expect(new Set(staff.map((s) => s.role))).toEqual(new Set(ROLES));
    staff.forEach((s, i) => {
      expect(s.id).toBe(`u-${String(i + 1).padStart(4, '0')}`);
      expect(orgById.has(s.orgId)).toBe(true);
      expect(s.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    });
    for (const o of organisations.filter((x) => x.kind !== 'outlet')) {
      expect(staff.some((s) => s.orgId === o.id && s.role === 'handler'), `${o.id} has a handler`).toBe(true);
    }
  });

  it('names demo actors of each role who exist, and a demo handler with live work', () => {
    for (const role of ROLES) {
      expect(demoActors[role].role).toBe(role);
      expect(staff).toContainEqual(demoActors[role]);
    }
    expect(demoActors.customer.id).toMatch(/^C-\d{6}$/);
    const live = complaints.filter((c) => c.assigneeId === demoActors.handler.id && isOpen(c.status));
    expect(live.length).toBeGreaterThanOrEqual(3);
    expect(complaints.some((c) => c.firstResponder?.id === demoActors.frontline.id)).toBe(true);
  });
});

describe('complaints', () => {
  it('are a few thousand over two years, each parsing as the wire Complaint', () => {
    expect(complaints.length).toBeGreaterThan(3_000);
    expect(complaints.length).toBeLessThan(7_000);
    for (const c of complaints) ComplaintSchema.parse(c);
    const first = Date.parse(complaints[0]!.receivedAt);
    expect(NOW - first).toBeGreaterThan(23 * 30 * DAY);
  });

  it('have timelines that replay through core lifecycle into the same complaint', () => {
    const wrong: string[] = [];
    let mismatched = 0;
    for (const c of complaints) {
      const { result, wrongStatus } = replay(c);
      wrong.push(...wrongStatus);
      // mergedFrom is written on the target by the merge of another complaint, not by its own timeline.
      if (JSON.stringify({ ...result, mergedFrom: c.mergedFrom }) !== JSON.stringify(c)) mismatched++;
    }
    expect(wrong).toEqual([]);
    expect(mismatched).toBe(0);
  });

  it('number events globally in time order, each timeline in order', () => {
    const events = complaints.flatMap((c) => c.timeline).sort((a, b) => a.seq - b.seq);
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
    });
    for (let i = 1; i < events.length; i++) expect(Date.parse(events[i]!.at)).toBeGreaterThanOrEqual(Date.parse(events[i - 1]!.at));
    expect(Date.parse(events.at(-1)!.at)).toBeLessThanOrEqual(NOW);
    for (const c of complaints) {
      for (let i = 1; i < c.timeline.length; i++) expect(c.timeline[i]!.seq).toBeGreaterThan(c.timeline[i - 1]!.seq);
      expect(c.timeline.at(-1)!.toStatus).toBe(c.status);
    }
  });

  it('are numbered CK<local date of receipt>-<counter> in receipt order', () => {
    complaints.forEach((c, i) => {
      const m = /^CK(\d{8})-(\d{6})$/.exec(c.id);
      expect(m, c.id).not.toBeNull();
      expect(m![1]).toBe(localDate(c.receivedAt));
      expect(Number(m![2])).toBe(i + 1);
      if (i > 0) expect(Date.parse(c.receivedAt)).toBeGreaterThanOrEqual(Date.parse(complaints[i - 1]!.receivedAt));
    });
  });

  it('have region codes of the tree, and none only when a centre handles them', () => {
    const codes = new Set(organisations.map((o) => o.regionCode));
    for (const c of complaints) {
      if (c.regionCode === null) expect(orgById.get(c.timeline[0]!.data.handlingOrgId as string)!.kind).toBe('centre');
      else expect(codes.has(c.regionCode), c.regionCode).toBe(true);
    }
    const notRegional = share((c) => c.regionCode === null);
    expect(notRegional).toBeGreaterThan(0.3);
    expect(notRegional).toBeLessThan(0.6);
  });

  it('follow the reference shares of business, cause and intake', () => {
    expect(share((c) => c.businessCategory === 'B0302')).toBeGreaterThan(0.4);
    expect(share((c) => c.businessCategory === 'B0302')).toBeLessThan(0.6);
    const loans = share((c) => ['B0201', 'B0202', 'B0203', 'B0299'].includes(c.businessCategory));
    expect(loans).toBeGreaterThan(0.18);
    expect(loans).toBeLessThan(0.35);
    const wealth = share((c) => c.businessCategory === 'B08' || c.businessCategory === 'B09');
    expect(wealth).toBeGreaterThan(0.02);
    expect(wealth).toBeLessThan(0.09);
    expect(share((c) => c.cause === 'C03')).toBeGreaterThan(0.6);
    expect(share((c) => c.cause === 'C11')).toBeGreaterThan(0.05);
    expect(share((c) => c.intakeChannel === 'hotline' || c.intakeChannel === 'mobile_app')).toBeGreaterThan(0.55);
    const cards = complaints.filter((c) => c.businessCategory === 'B0302');
    expect(share((c) => c.timeline[0]!.data.handlingOrgId === 'CC', cards)).toBeGreaterThan(0.7);
    // Debt collection only arises for cards and loans.
    for (const c of complaints.filter((x) => x.cause === 'C12')) expect(['B02', 'B03']).toContain(majorBusinessClass(c.businessCategory));
  });

  it('have 2–6% regulator transfers, each with the regulator reference and imported by the system', () => {
    const transfers = complaints.filter((c) => c.intakeChannel === 'regulator_transfer');
    expect(transfers.length / complaints.length).toBeGreaterThan(0.02);
    expect(transfers.length / complaints.length).toBeLessThan(0.06);
    for (const c of transfers) {
      expect(c.regulatorReference).toMatch(/^(12378|12363)-\d{8}-\d{6}$/);
      expect(c.registeredBy.kind).toBe('system');
    }
    expect(complaints.filter((c) => c.regulatorReference !== undefined)).toHaveLength(transfers.length);
  });

  it('score 4–5 in at least 90% of rated follow-ups, but not in all', () => {
    const rated = complaints.flatMap((c) => c.timeline.filter((e) => e.type === 'follow_up' && e.data.reached === true));
    expect(rated.length).toBeGreaterThan(complaints.length * 0.6);
    const satisfied = rated.filter((e) => (e.data.satisfaction as number) >= 4).length / rated.length;
    expect(satisfied).toBeGreaterThanOrEqual(0.9);
    expect(satisfied).toBeLessThan(0.99);
  });

  it('link 5–10% as repeats of an earlier complaint of the same customer and B major class within 30 days, and no others', () => {
    const seen = new Map<string, Complaint[]>();
    let repeats = 0;
    for (const c of complaints) {
      const customer = c.complainant.customerId;
      const earlier = customer ? (seen.get(customer) ?? []) : [];
      const sameMatter = earlier.filter(
        (e) => majorBusinessClass(e.businessCategory) === majorBusinessClass(c.businessCategory) && Date.parse(c.receivedAt) - Date.parse(e.receivedAt) <= 30 * DAY,
      );
      if (c.repeatOf) {
        repeats++;
        expect(sameMatter.map((e) => e.id)).toContain(c.repeatOf);
      } else expect(sameMatter, `${c.id} repeats ${sameMatter[0]?.id} without saying so`).toEqual([]);
      if (customer) seen.set(customer, [...earlier, c]);
    }
    expect(repeats / complaints.length).toBeGreaterThan(0.05);
    expect(repeats / complaints.length).toBeLessThan(0.1);
  });

  it('merge only into an earlier complaint of the same customer, which lists what was merged into it', () => {
    const merged = complaints.filter((c) => c.status === 'merged');
    expect(merged.length).toBeGreaterThan(0);
    const listed = complaints.flatMap((c) => c.mergedFrom.map((from) => [from, c.id]));
    expect(listed.sort()).toEqual(merged.map((c) => [c.id, c.mergedInto]).sort());
    for (const c of merged) {
      const into = byId.get(c.mergedInto!)!;
      expect(into.complainant.customerId).toBe(c.complainant.customerId);
      expect(Date.parse(into.receivedAt)).toBeLessThan(Date.parse(c.receivedAt));
    }
  });

  it('are decided in a few days, nearly always in time, with some holds, extensions and late ones', () => {
    const decided = complaints.filter((c) => firstDecision(c));
    const days = decided.map((c) => (Date.parse(firstDecision(c)!.at) - Date.parse(c.receivedAt)) / DAY).sort((a, b) => a - b);
    const median = days[Math.floor(days.length / 2)]!;
    expect(median).toBeGreaterThan(1);
    expect(median).toBeLessThan(7);
    const states = decided.map((c) => computeClock(c, { now: NOW }).state);
    const met = states.filter((s) => s === 'met').length / states.length;
    expect(met).toBeGreaterThan(0.95);
    expect(met).toBeLessThan(1);
    expect(complaints.some((c) => c.timeline.some((e) => e.type === 'hold'))).toBe(true);
    expect(complaints.some((c) => c.deadlines.extensionLevel === 2)).toBe(true);
    // The follow-up comes a day or two after the decision.
    for (const c of decided.slice(0, 500)) {
      const d = firstDecision(c)!;
      const f = c.timeline.find((e) => e.type === 'follow_up' && e.seq > d.seq);
      if (f) expect(Date.parse(f.at) - Date.parse(d.at)).toBeLessThan(4 * DAY);
    }
  });

  it('leave recent complaints open in various states with assignees, and a handful overdue', () => {
    const recent = complaints.filter((c) => NOW - Date.parse(c.receivedAt) < 21 * DAY && isOpen(c.status));
    const states = new Set(recent.map((c) => c.status));
    for (const s of ['registered', 'accepted', 'in_progress', 'on_hold', 'escalated', 'responded'] as const) expect(states, s).toContain(s);
    // Open work has an assignee, except self-service and regulator submissions of the last day still
    // waiting in the handling organisation's queue for a manager to dispatch them.
    const unassigned = complaints.filter((c) => isOpen(c.status) && c.assigneeId === null);
    for (const c of unassigned) {
      expect(c.status, c.id).toBe('registered');
      // 首问负责: no staff first responder until a member of staff accepts it.
      expect(c.firstResponder, c.id).toBeNull();
      expect(NOW - Date.parse(c.receivedAt), c.id).toBeLessThan(DAY);
    }
    expect(unassigned.length).toBeLessThanOrEqual(5);
    const overdue = complaints.filter((c) => computeClock(c, { now: NOW }).state === 'overdue');
    expect(overdue.length).toBeGreaterThanOrEqual(3);
    expect(overdue.length).toBeLessThanOrEqual(15);
    // Old complaints are settled.
    expect(complaints.filter((c) => NOW - Date.parse(c.receivedAt) > 90 * DAY && isOpen(c.status))).toEqual([]);
  });

  it('include a few escalated and major cases with a leader, and a few priority-group complainants', () => {
    const escalated = complaints.filter((c) => c.timeline.some((e) => e.type === 'escalate'));
    expect(escalated.length / complaints.length).toBeGreaterThan(0.01);
    expect(escalated.length / complaints.length).toBeLessThan(0.08);
    expect(escalated.some((c) => c.severity === 'major')).toBe(true);
    for (const c of escalated) expect(staff.find((s) => s.id === c.leaderId)?.role).toBe('leadership');
    const priority = share((c) => c.complainant.priorityGroups.length > 0);
    expect(priority).toBeGreaterThan(0.01);
    expect(priority).toBeLessThan(0.08);
  });

  it('carry valid-looking personal data of fake complainants', () => {
    const year = new Date(NOW).getUTCFullYear();
    for (const { complainant: p } of complaints) {
      expect(p.phone).toMatch(/^1[3-9]\d{9}$/);
      if (p.customerId) expect(p.customerId).toMatch(/^C-\d{6}$/);
      if (p.idNumber) {
        expect(p.idNumber.slice(17)).toBe(idCheckChar(p.idNumber.slice(0, 17)));
        if (p.priorityGroups.some((g) => g.group === 'elderly')) expect(Number(p.idNumber.slice(6, 10))).toBeLessThanOrEqual(year - 60);
      }
      if (p.cardNumber) expect(luhnCheckDigit(p.cardNumber.slice(0, -1))).toBe(p.cardNumber.slice(-1));
    }
    expect(share((c) => c.complainant.idNumber !== undefined)).toBeGreaterThan(0.2);
    expect(share((c) => c.complainant.cardNumber !== undefined)).toBeGreaterThan(0.2);
  });

  it('give the demo customer several complaints in different states', () => {
    const mine = complaints.filter((c) => c.complainant.customerId === demoActors.customer.id);
    const states = new Set(mine.map((c) => c.status));
    expect(mine.length).toBeGreaterThanOrEqual(5);
    expect(states.size).toBeGreaterThanOrEqual(5);
    expect(states).toContain('closed');
    expect(mine.filter((c) => isOpen(c.status)).length).toBeGreaterThanOrEqual(3);
  });
});
