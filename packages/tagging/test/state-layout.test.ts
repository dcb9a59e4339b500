import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TagEngine } from '../src/engine/engine.js';
import { readSnapshot, writeSnapshot } from '../src/engine/snapshot.js';
import { STATE_FORMAT } from '../src/engine/state-file.js';
import type { ComplaintRowInput } from '../src/input/complaint-row.js';
import { BUILT_IN_RULES } from '../src/rules/built-in.js';
import { at, row } from './rows.js';

const rules = BUILT_IN_RULES;
const active = (engine: TagEngine) => [...engine.assignments()].filter((a) => a.status === 'active');
/** The tags of one full run over everything up to `asOf`. */
async function fullRun(rows: ComplaintRowInput[], asOf: string) {
  const full = new TagEngine({ rules });
  await full.run(rows, { asOf });
  return active(full);
}
/** What the file holds: its customers, their texts (current and replaced) and its header. */
function inside(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      customers: count('select count(*) as n from customers'),
      texts: count('select count(*) as n from customer_texts'),
      stale: Number((db.prepare("select value from meta where key = 'stale_texts'").get() as { value: string } | undefined)?.value ?? 0),
      meta: JSON.parse((db.prepare("select value from meta where key = 'state'").get() as { value: string }).value) as { format: string; seq: number },
      rows: db.prepare('select c.id, c.revisit_at, t.data from customers c join customer_texts t on t.id = c.text_id order by c.id').all(),
    };
  } finally {
    db.close();
  }
}

describe('the saved state file', () => {
  it('appends a changed customer rather than rewriting it, and deletes the replaced texts once they outnumber the current ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-tags-layout-'));
    const file = join(dir, 'state.sqlite');
    const all = [row(0, 'C1'), row(0, 'C2'), row(1, 'C3'), row(1, 'C4'), row(2, 'C5')];
    const first = new TagEngine({ rules });
    await first.run(all, { asOf: at(3) });
    await writeSnapshot(first, file);
    expect(inside(file)).toMatchObject({ customers: 5, texts: 5, stale: 0, meta: { format: STATE_FORMAT } });

    // Each day one customer complains again: one text appended, the one it replaces counted.
    const seen: number[] = [];
    for (let day = 4; day < 12; day++) {
      const engine = await readSnapshot(file, { rules });
      const r = row(day, 'C1');
      all.push(r);
      await engine.run([r], { asOf: at(day + 1) });
      await writeSnapshot(engine, file);
      engine.close();
      const now = inside(file);
      expect(now.customers).toBe(5);
      expect(now.texts).toBe(now.customers + now.stale);
      seen.push(now.stale);
      const reread = await readSnapshot(file, { rules });
      expect(active(reread)).toEqual(await fullRun(all, at(day + 1)));
      reread.close();
    }
    // Replaced texts pile up until there are more of them than customers, then are deleted at once.
    expect(seen).toEqual([1, 2, 3, 4, 5, 0, 1, 2]);
  });

  it('writes back only the customers whose texts or revisit time changed, not those a run only read', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-tags-layout-'));
    const file = join(dir, 'state.sqlite');
    const c2 = row(0, 'C2');
    const before = [row(0, 'C1'), c2, row(1, 'C2')];
    const first = new TagEngine({ rules });
    await first.run(before, { asOf: at(2) });
    await writeSnapshot(first, file);
    const saved = inside(file);

    // C2 is read (an older version of its complaint names it) and left as it was; C1 complains again.
    const engine = await readSnapshot(file, { rules });
    await engine.run([{ ...c2, updatedAt: at(0) }, row(2, 'C1')], { asOf: at(2) });
    expect(engine.customers.has('C2')).toBe(true);
    await writeSnapshot(engine, file);
    engine.close();
    const now = inside(file);
    expect(now).toMatchObject({ customers: 2, texts: 3, stale: 1 });
    expect(now.rows.find((r) => (r as { id: string }).id === 'C2')).toEqual(saved.rows.find((r) => (r as { id: string }).id === 'C2'));
    expect(now.rows.find((r) => (r as { id: string }).id === 'C1')).not.toEqual(saved.rows.find((r) => (r as { id: string }).id === 'C1'));
  });

  it('reads a state file of the earlier layout (format 2), upgrading it in place, and carries on from it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-tags-layout-'));
    const file = join(dir, 'state.sqlite');
    const before = [row(0, 'C1', { intakeChannel: 'regulator_transfer' }), row(0, 'C2'), row(1, 'C2'), row(2, 'C2'), row(2, null)];
    const first = new TagEngine({ rules });
    await first.run(before, { asOf: at(3) });
    await writeSnapshot(first, file);
    // The same state in format 2: one row per customer with its text, an index on the id.
    const db = new Database(file);
    db.exec(`create table v2 (id text not null, revisit_at integer, data text not null);
      insert into v2 select c.id, c.revisit_at, t.data from customers c join customer_texts t on t.id = c.text_id;
      drop table customers; drop table customer_texts; alter table v2 rename to customers;
      create unique index customers_id on customers (id); create index customers_revisit on customers (revisit_at);`);
    const meta = JSON.parse((db.prepare("select value from meta where key = 'state'").get() as { value: string }).value);
    db.prepare("update meta set value = ? where key = 'state'").run(JSON.stringify({ ...meta, format: 'complaintkit-tags-state/2' }));
    db.close();

    const engine = await readSnapshot(file, { rules });
    const next = [row(40, 'C1'), row(41, 'C3')];
    await engine.run(next, { asOf: at(42) });
    await writeSnapshot(engine, file);
    engine.close();
    expect(inside(file)).toMatchObject({ customers: 3, meta: { format: STATE_FORMAT } });
    const reread = await readSnapshot(file, { rules });
    expect(active(reread)).toEqual(await fullRun([...before, ...next], at(42)));
    reread.close();
  });

  it('is left as it was by a save that fails part-way, and the run done again gives the tags of a full run', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ck-tags-layout-'));
    const file = join(dir, 'state.sqlite');
    const before = [row(0, 'C1'), row(0, 'C2'), row(1, 'C2'), row(1, 'C3', { severity: 'major' })];
    const first = new TagEngine({ rules });
    await first.run(before, { asOf: at(2) });
    await writeSnapshot(first, file);
    const saved = inside(file);

    const next = [row(3, 'C1'), row(3, 'C4'), { ...before[0]!, customerId: 'C4', updatedAt: at(3) }];
    const engine = await readSnapshot(file, { rules });
    await engine.run(next, { asOf: at(4) });
    // The save stops after it has written the customers, part of the way through the owners.
    let n = 0;
    const owners = (function* () {
      for (const o of engine.owners) {
        if (++n === 2) throw new Error('the process died here');
        yield o;
      }
    })();
    expect(() => engine.backing!.update({ ...inside(file).meta, seq: engine.seq } as never, engine.customers, engine.dropped, owners)).toThrow(/died/);
    engine.close();
    expect(inside(file)).toEqual(saved);

    const again = await readSnapshot(file, { rules });
    await again.run(next, { asOf: at(4) });
    await writeSnapshot(again, file);
    again.close();
    const reread = await readSnapshot(file, { rules });
    expect(active(reread)).toEqual(await fullRun([...before, ...next], at(4)));
    reread.close();
  });
});

