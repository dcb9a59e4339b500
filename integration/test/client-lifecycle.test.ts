import { InvalidTransitionError, NotFoundError, ValidationError } from '@complaintkit/core';
import { firstValueFrom, filter, take, toArray } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complaintInput, startService } from '../src/fixture.js';

let svc: Awaited<ReturnType<typeof startService>>;
beforeAll(async () => {
  svc = await startService();
});
afterAll(() => svc?.stop());

describe('the typed client against the real reference service', () => {
  it('takes a complaint through its whole life', async () => {
    const front = svc.client('frontline');
    const handler = svc.client('handler');
    const manager = svc.client('manager');
    const leader = svc.client('leadership');
    const customer = svc.client('customer');

    // A customer's own registration is routed to the branch of its province (BR-GD here).
    const c = await customer.complaints.create(complaintInput());
    expect(c.status).toBe('registered');
    expect(c.handlingOrgId).toBe('BR-GD');
    expect(c.registeredBy).toEqual({ kind: 'customer', id: 'C-000001' });
    // The customer's own view leaves out who at the bank handles it (docs/domain/personal-data.md).
    expect(c.firstResponder).toBeUndefined();
    expect((await handler.complaints.get(c.id)).firstResponder).toBeNull();

    // The sub-branch's frontline clerk cannot see a branch-level complaint …
    await expect(front.complaints.accept(c.id, {})).rejects.toBeInstanceOf(NotFoundError);
    // … until the branch hands it down to the sub-branch, and then back up to the branch handler.
    await manager.complaints.transfer(c.id, { toOrgId: 'SB-SZ', reason: '属地管理' });
    await front.complaints.accept(c.id, { note: '身份已核实' });
    await manager.complaints.transfer(c.id, { toOrgId: 'BR-GD', toAssigneeId: 'u-handler', reason: '分行专岗处理' });
    await handler.complaints.start(c.id, {});
    await handler.complaints.hold(c.id, { reason: '等待司法鉴定' });
    await handler.complaints.resume(c.id, {});
    const notifiedAt = new Date().toISOString();
    await manager.complaints.extend(c.id, { reason: '案情复杂', complainantNotifiedAt: notifiedAt });
    await leader.complaints.extend(c.id, { reason: '需总行审批', complainantNotifiedAt: notifiedAt, approvedBy: 'u-leader' });
    await handler.complaints.respond(c.id, {
      outcome: 'partly_upheld',
      basis: '《信用卡章程》',
      remedy: '退还年费',
      amount: 200,
      remediesOffered: ['review', 'mediation'],
      notifiedVia: 'phone',
      notifiedAt,
    });
    await customer.complaints.followUp(c.id, { reached: true, satisfaction: 4, decisionAccepted: true });
    const closed = await handler.complaints.close(c.id, {});

    expect(closed.status).toBe('closed');
    // 首问负责: the staff member who accepted the self-service complaint is its first responder.
    expect(closed.firstResponder).toMatchObject({ kind: 'staff', role: 'frontline', orgId: 'SB-SZ' });
    expect(closed.deadlines.extensionLevel).toBe(2);
    expect(closed.followUps.map((f) => f.score)).toEqual([4]);
    expect(closed.timeline.map((e) => e.type)).toEqual([
      'register', 'transfer', 'accept', 'transfer', 'start', 'hold', 'resume', 'extend', 'extend', 'respond', 'follow_up', 'close',
    ]);
    // The customer, through the typed client, reads every step, the extension's reasons and the answer,
    // but no staff id or note.
    const seen = await customer.complaints.get(c.id);
    expect(seen.timeline.map((e) => e.type)).toEqual(closed.timeline.map((e) => e.type));
    expect(seen.timeline.filter((e) => e.type === 'extend').map((e) => e.reason)).toEqual(['案情复杂', '需总行审批']);
    expect(seen.decision).toMatchObject({ outcome: 'partly_upheld', basis: '《信用卡章程》', amount: 200 });
    expect(JSON.stringify(seen)).not.toMatch(/u-(front|handler|manager|leader)|身份已核实|分行专岗处理|等待司法鉴定/);
  });

  it('turns a refused step into InvalidTransitionError listing what is possible now', async () => {
    const handler = svc.client('handler');
    const c = await svc.client('frontline').complaints.create(complaintInput(1));
    const err = await handler.complaints.close(c.id, {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidTransitionError);
    expect((err as InvalidTransitionError).allowedActions).toContain('accept');
    expect((err as InvalidTransitionError).requestId).toBeTruthy();
  });

  it('checks bad input before sending and names the field', async () => {
    const bad = { ...complaintInput(), businessCategory: 'B77' } as never;
    const err = await svc.client('frontline').complaints.create(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(JSON.stringify((err as ValidationError).fields)).toContain('businessCategory');
  });

  it('gives NotFoundError for a complaint the caller may not see', async () => {
    const mine = await svc.client('customer').complaints.create(complaintInput(2));
    const other = await svc.server.issueToken({ sub: 'C-999999', kind: 'customer' } as never);
    const stranger = svc.client('customer', { token: other });
    await expect(stranger.complaints.get(mine.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('pages through every complaint with for await, without duplicates', async () => {
    const front = svc.client('frontline');
    for (let i = 0; i < 7; i++) await front.complaints.create(complaintInput(100 + i));
    const ids: string[] = [];
    for await (const c of svc.client('manager').complaints.list({ limit: 3 })) ids.push(c.id);
    expect(ids.length).toBeGreaterThanOrEqual(7);
    expect(new Set(ids).size).toBe(ids.length);
    const first = await svc.client('manager').complaints.list({ limit: 3 });
    expect(first.data).toHaveLength(3);
  });

  it('watches a complaint and sees each state as it changes', async () => {
    const handler = svc.client('handler');
    const c = await svc.client('frontline').complaints.create(complaintInput(3));
    const states = firstValueFrom(
      svc.client('frontline').complaints.watch(c.id).pipe(
        filter((s) => s.status !== 'registered'),
        take(2),
        toArray(),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    await svc.client('frontline').complaints.accept(c.id, {});
    await handler.complaints.start(c.id, {});
    expect((await states).map((s) => s.status)).toEqual(['accepted', 'in_progress']);
  });
});
