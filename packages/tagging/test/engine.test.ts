import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { from } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { TagEngine } from '../src/engine/engine.js';
import { readSnapshot, writeSnapshot } from '../src/engine/snapshot.js';
import { decodeFacts } from '../src/engine/state-file.js';
import type { ComplaintRowInput } from '../src/input/complaint-row.js';
import { deltaRows } from '../src/export/write-export.js';
import { currentTags, type TagAssignment, type TagEvent } from '../src/model/assignment.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { at, row } from './rows.js';
import { prng } from './prng.js';

/** Random complaint histories: each complaint is registered, then maybe decided, followed up, reviewed. */
function history(seed: number, complaints: number): ComplaintRowInput[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const versions: ComplaintRowInput[] = [];
  for (let i = 0; i < complaints; i++) {
    const day = Math.floor(rnd() * 400);
    const customer = rnd() < 0.05 ? null : `C${Math.floor(rnd() * 12)}`;
    const base = row(day, customer, {
      status: 'accepted',
      updatedAt: at(day),
      businessCategory: pick(['B0302', 'B0301', 'B0201', 'B04'] as const),
      intakeChannel: rnd() < 0.1 ? 'regulator_transfer' : 'hotline',
      severity: pick(['normal', 'normal', 'complex', 'sensitive', 'major'] as const),
      priorityGroups: rnd() < 0.1 ? [{ group: 'elderly', basis: 'verified' }] : [],
      decisionDueAt: at(day + 15),
    });
    versions.push(base);
    if (rnd() < 0.8) {
      const decided = day + 1 + Math.floor(rnd() * 25);
      versions.push({ ...base, status: 'responded', decisionDueAt: null, respondedAt: at(decided), updatedAt: at(decided) });
      if (rnd() < 0.7) {
        const fu = decided + 1 + Math.floor(rnd() * 5);
        const score = 1 + Math.floor(rnd() * 5);
        versions.push({
          ...base,
          status: 'followed_up',
          decisionDueAt: null,
          respondedAt: at(decided),
          followUpAt: at(fu),
          satisfactionScore: score,
          decisionAccepted: score > 2,
          updatedAt: at(fu),
          ...(rnd() < 0.2 ? { status: 'under_review', reviewRequestedAt: at(fu + 3), updatedAt: at(fu + 3) } : {}),
        });
      }
    } else if (rnd() < 0.3) {
      versions.push({ ...base, status: 'merged', decisionDueAt: null, updatedAt: at(day + 2) });
    }
  }
  return versions.sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : a.updatedAt > b.updatedAt ? 1 : 0));
}

const active = (engine: TagEngine) => [...engine.assignments()].filter((a) => a.status === 'active');

describe('TagEngine', () => {
  it.each([1, 2, 3, 4, 5, 6])('incremental runs through a snapshot give the tags of one full run (history %i)', async (seed) => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-tags-'));
    const versions = history(seed, 120);
    const cuts = [100, 200, 300, 420].map((d) => at(d));
    let engine = new TagEngine({ rules: BUILT_IN_RULES });
    let last = '';
    // Which keys the events say are active; every event; the active tags after each run.
    const activeKeys = new Set<string>();
    const all: TagEvent[] = [];
    const after: { seq: number; tags: TagAssignment[] }[] = [{ seq: 0, tags: [] }];
    for (const cut of cuts) {
      const batch = versions.filter((v) => v.updatedAt > last && v.updatedAt <= cut);
      // Odd histories in one batch, as the command reads files: a restored engine then looks up the
      // batch's owners and customers in one statement each (later versions and re-links included).
      const since = engine.seq;
      const events: TagEvent[] = [];
      await engine.run(seed % 2 ? [batch] : batch, { asOf: cut, onEvent: (e) => events.push(e) });
      for (const e of events) {
        // An event says whether its key was active before it (what the delta's deletes need).
        expect(e.wasActive).toBe(activeKeys.has(e.assignment.key));
        expect(e).not.toHaveProperty('previous');
        if (e.assignment.status === 'active') activeKeys.add(e.assignment.key);
        else activeKeys.delete(e.assignment.key);
      }
      all.push(...events);
      expect(since).toBe(after.at(-1)!.seq);
      await writeSnapshot(engine, join(dir, 'state.sqlite'));
      engine = await readSnapshot(join(dir, 'state.sqlite'), { rules: BUILT_IN_RULES });
      last = cut;
      const full = new TagEngine({ rules: BUILT_IN_RULES });
      await full.run(
        versions.filter((v) => v.updatedAt <= cut),
        { asOf: cut },
      );
      expect(active(engine)).toEqual(active(full));
      // A delta from the end of every earlier run, applied to the CRM's table as that run left it,
      // gives the full run's tags (deltas over several runs delete a changed tag that then exited).
      const unstamped = (tags: Iterable<TagAssignment>) => [...tags].map(({ lastEvaluatedAt: _, ...a }) => a).sort((a, b) => (a.key < b.key ? -1 : 1));
      for (const earlier of after) {
        const crm = new Map(earlier.tags.map((a) => [a.key, a]));
        for (const r of deltaRows(all, earlier.seq, engine.seq)) {
          if (r.op === 'delete') expect(crm.delete(r.key)).toBe(true);
          else crm.set(r.key, r.assignment);
        }
        expect(unstamped(crm.values())).toEqual(unstamped(active(full)));
      }
      after.push({ seq: engine.seq, tags: active(full) });
    }
    expect(active(engine).length).toBeGreaterThan(5);
  });

  it('counts each customer once when a restored engine runs and saves more than once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-tags-'));
    const file = join(dir, 'state.sqlite');
    const first = new TagEngine({ rules: BUILT_IN_RULES });
    await first.run([row(0, 'C1'), row(1, 'C2')], { asOf: at(2) });
    await writeSnapshot(first, file);
    const engine = await readSnapshot(file, { rules: BUILT_IN_RULES });
    // New customers (not in the file when looked up), then saved; then a run that drops one.
    await engine.run([row(3, 'C3'), row(3, 'C4')], { asOf: at(4) });
    await writeSnapshot(engine, file);
    expect(engine.customerCount).toBe(4);
    await engine.run([{ ...row(3, 'C3'), status: 'merged' as const, updatedAt: at(5) }], { asOf: at(6) });
    await writeSnapshot(engine, file);
    const reopened = await readSnapshot(file, { rules: BUILT_IN_RULES });
    expect(engine.customerCount).toBe(reopened.customerCount);
    await engine.run([], { asOf: at(7) });
    expect(engine.customerCount).toBe(reopened.customerCount);
    engine.close();
    reopened.close();
  });

  it('keeps a complaint moved to another customer and back under one customer across saves of one restored engine', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-tags-'));
    const file = join(dir, 'state.sqlite');
    const x = row(0, 'C1');
    const first = new TagEngine({ rules: BUILT_IN_RULES });
    await first.run([x, row(0, 'C2')], { asOf: at(2) });
    await writeSnapshot(first, file);
    const engine = await readSnapshot(file, { rules: BUILT_IN_RULES });
    // Moved to C2 and saved, moved back to C1 and saved, then a later version of it.
    await engine.run([{ ...x, customerId: 'C2', updatedAt: at(3) }], { asOf: at(4) });
    await writeSnapshot(engine, file);
    await engine.run([{ ...x, customerId: 'C1', updatedAt: at(5) }], { asOf: at(6) });
    await writeSnapshot(engine, file);
    await engine.run([{ ...x, customerId: 'C1', updatedAt: at(7) }], { asOf: at(8) });
    await writeSnapshot(engine, file);
    engine.close();
    const reopened = await readSnapshot(file, { rules: BUILT_IN_RULES });
    const held = (customerId: string) => decodeFacts(reopened.backing?.customer(customerId)?.facts ?? '').filter((f) => f.id === x.id).length;
    expect(reopened.backing?.ownerOf(x.id)).toBe('C1');
    expect([held('C1'), held('C2')]).toEqual([1, 0]);
    reopened.close();
  });

  it('re-evaluates customers whose tags expire even when nothing new arrives', async () => {
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const events: TagEvent[] = [];
    await engine.run([row(0, 'C1', { intakeChannel: 'regulator_transfer' })], { asOf: at(2), onEvent: (e) => events.push(e) });
    expect(active(engine).map((a) => a.code)).toContain('regulator_referred');
    await engine.run([], { asOf: at(400), onEvent: (e) => events.push(e) });
    expect(active(engine)).toEqual([]);
    const removed = events.filter((e) => e.type === 'removed').map((e) => e.assignment);
    expect(removed.find((a) => a.code === 'regulator_referred')).toMatchObject({ status: 'exited', validUntil: at(365) });
    // The current state is a view over the append-only events.
    const view = currentTags(events, engine.lastAsOf!);
    expect([...view.values()].sort((a, b) => (a.key < b.key ? -1 : 1))).toEqual([...engine.assignments()]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  });

  it('moves a complaint to its new customer when it is re-linked, and reads rxjs Observables', async () => {
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const r = row(0, 'C1', { intakeChannel: 'regulator_transfer' });
    await engine.run(from([r]), { asOf: at(1) });
    await engine.run(from([{ ...r, customerId: 'C2', updatedAt: at(2) }]), { asOf: at(3) });
    expect(engine.customerTags('C1').every((a) => a.status === 'exited')).toBe(true);
    expect(engine.customerTags('C2').map((a) => a.code)).toContain('regulator_referred');
  });

  it('restored from its saved state, reads only the customers it needs and still moves complaints and expires tags right', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-tags-'));
    const file = join(dir, 'state.sqlite');
    const first = new TagEngine({ rules: BUILT_IN_RULES });
    const r = row(0, 'C1', { intakeChannel: 'regulator_transfer' });
    await first.run([r, row(0, 'C3'), row(1, 'C4')], { asOf: at(1) });
    await writeSnapshot(first, file);
    const engine = await readSnapshot(file, { rules: BUILT_IN_RULES });
    await engine.run([{ ...r, customerId: 'C2', updatedAt: at(2) }], { asOf: at(3) });
    // Only the two customers the re-linked complaint touches were read from the file.
    expect([...engine.customers.keys()].sort()).toEqual(['C1', 'C2']);
    expect(engine.customerTags('C1').every((a) => a.status === 'exited')).toBe(true);
    expect(engine.customerTags('C2').map((a) => a.code)).toContain('regulator_referred');
    await writeSnapshot(engine, file);
    engine.close();
    // A year on, every tag has expired, and the file says so.
    const later = await readSnapshot(file, { rules: BUILT_IN_RULES });
    expect(later.customerCount).toBe(4);
    await later.run([], { asOf: at(800) });
    await writeSnapshot(later, file);
    later.close();
    const last = await readSnapshot(file, { rules: BUILT_IN_RULES });
    expect([...last.assignments()].filter((a) => a.status === 'active')).toEqual([]);
    last.close();
  });

  it('reports unmatched complaints by number and leaves them out', async () => {
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    const unlinked: unknown[] = [];
    const r = row(0, null);
    const s = await engine.run([r], { asOf: at(1), onUnlinked: (u) => unlinked.push(u) });
    expect(s).toMatchObject({ read: 1, linked: 0, unmatched: 1 });
    expect(unlinked).toEqual([{ complaintId: r.id, status: 'unmatched' }]);
    expect(engine.customerCount).toBe(0);
  });

  it('refuses to go back in time and names a bad row', async () => {
    const engine = new TagEngine({ rules: BUILT_IN_RULES });
    await engine.run([], { asOf: at(10) });
    await expect(engine.run([], { asOf: at(5) })).rejects.toThrow(/earlier than the previous run/);
    await expect(engine.run([{ ...row(11, 'C1'), businessCategory: 'B77' as never }], { asOf: at(12) })).rejects.toThrow(
      /complaint #1 field "businessCategory"/,
    );
  });
});
