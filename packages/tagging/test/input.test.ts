import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdentityHasher } from '@complaintkit/core/node';
import { describe, expect, it } from 'vitest';
import { KeyIndex } from '../src/identity/key-index.js';
import { Linker } from '../src/identity/link.js';
import { ComplaintRow } from '../src/input/complaint-row.js';
import { InputError } from '../src/input/errors.js';
import { readComplaintFile } from '../src/input/read-complaints.js';
import { row } from './rows.js';

const dir = await mkdtemp(join(tmpdir(), 'ck-input-'));
const file = async (name: string, text: string) => {
  const p = join(dir, name);
  await writeFile(p, text);
  return p;
};
const readAll = async (p: string) => {
  const out = [];
  for await (const r of readComplaintFile(p)) out.push(r);
  return out;
};
const failure = async (p: string) => {
  const e = await readAll(p).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(InputError);
  return e as InputError;
};

describe('complaint files', () => {
  const good = row(0, 'C1');
  const HEADER = 'id,status,receivedAt,updatedAt,intakeChannel,businessCategory,severity,customerId,priorityGroups,satisfactionScore,decisionAccepted';

  it('reads NDJSON rows and whole complaints as the service returns them', async () => {
    const whole = {
      id: 'CK20260601-900001', version: 3, status: 'followed_up', intakeChannel: 'mobile_app', businessChannel: 'A010303',
      businessCategory: 'B0302', cause: 'C11', description: '年费', attachments: [], severity: 'normal', regionCode: null,
      complainant: { name: '张*', phone: '138****5678', customerId: 'C-9', priorityGroups: [], identityVerified: true, phoneHash: null, idNumberHash: null },
      handlingOrgId: 'SB-1', regionScope: 'unknown', subjectOrgId: 'SB-1', registeredBy: { kind: 'customer', id: 'C-9' },
      firstResponder: { kind: 'staff', id: 'u-1', role: 'frontline', orgId: 'SB-1' }, assigneeId: null, leaderId: null,
      receivedAt: '2026-06-01T08:00:00+08:00', receivedDay: '2026-06-01',
      deadlines: { clockStartedAt: '2026-06-01T08:00:00+08:00', decisionDueAt: null, warnAt: null, extensionLevel: 0, paused: false, reviewDueAt: null, reviewWarnAt: null, calendarCovered: true },
      decision: null, review: null, followUps: [{ attempt: 1, at: '2026-06-10T08:00:00+08:00', reached: true, score: 2, decisionAccepted: false, comment: null }],
      repeatOf: null, mergedInto: null, mergedFrom: [], createdAt: '2026-06-01T08:00:00+08:00', updatedAt: '2026-06-10T08:00:00+08:00', timeline: [],
    };
    const rows = await readAll(await file('ok.ndjson', `\uFEFF${JSON.stringify(good)}\r\n\n${JSON.stringify(whole)}\n`));
    expect(rows.map((r) => [r.row.id, r.line])).toEqual([
      [good.id, 1],
      ['CK20260601-900001', 3],
    ]);
    expect(rows[1]!.row).toMatchObject({ customerId: 'C-9', satisfactionScore: 2, decisionAccepted: false, followUpAt: '2026-06-10T08:00:00+08:00' });
  });

  it('reads CSV with empty cells as absent values and priority groups as group:basis', async () => {
    const rows = await readAll(
      await file('ok.csv', `${HEADER}\r\n${good.id},closed,${good.receivedAt},${good.updatedAt},hotline,B0302,,C1,police:verified|elderly:self_reported,3,false\r\n`),
    );
    expect(rows[0]!.row).toMatchObject({ severity: 'normal', satisfactionScore: 3, decisionAccepted: false, priorityGroups: [{ group: 'police', basis: 'verified' }, { group: 'elderly', basis: 'self_reported' }] });
    expect(rows[0]!.line).toBe(2);
  });

  it('rejects broken JSON, unknown category codes and dates without an offset with file, line and field', async () => {
    const lines = [JSON.stringify(good), JSON.stringify({ ...good, businessCategory: 'B77' })];
    let e = await failure(await file('cat.ndjson', lines.join('\n')));
    expect([e.line, e.field]).toEqual([2, 'businessCategory']);
    expect(e.message).toMatch(/cat\.ndjson:2 field "businessCategory"/);
    e = await failure(await file('date.ndjson', JSON.stringify({ ...good, receivedAt: '2026-06-01 10:00' })));
    expect([e.line, e.field]).toEqual([1, 'receivedAt']);
    e = await failure(await file('broken.ndjson', `${JSON.stringify(good)}\n{"id": "CK2026`));
    expect([e.line, e.reason]).toEqual([2, 'not valid JSON (one complaint per line)']);
  });

  it('rejects broken CSV quoting, ragged rows and unknown columns with the line', async () => {
    const ok = `${good.id},closed,${good.receivedAt},${good.updatedAt},hotline,B0302,,C1,,,`;
    let e = await failure(await file('quote.csv', `${HEADER}\n${ok}\n${ok}\n"CK2026,closed\n`));
    expect(e.line).toBe(4);
    expect(e.reason).toMatch(/broken CSV/);
    e = await failure(await file('ragged.csv', `${HEADER}\n${ok}\n${ok},extra\n`));
    expect(e.line).toBe(3);
    e = await failure(await file('column.csv', `${HEADER},vip\n${ok},1\n`));
    expect([e.line, e.field]).toEqual([1, 'vip']);
    e = await failure(await file('bad-score.csv', `${HEADER}\n${ok.replace(/,,,$/, ',,9,')}\n`));
    expect([e.line, e.field]).toEqual([2, 'satisfactionScore']);
  });

  it('never quotes a value in an error: it may be personal data', async () => {
    const e = await failure(await file('phone.ndjson', JSON.stringify({ ...good, phone: 'x'.repeat(41) })));
    expect(e.field).toBe('phone');
    expect(e.message).not.toContain('xxxx');
  });
});

describe('identity linking', () => {
  const secret = 'a-bank-held-secret-of-some-length';
  const hash = createIdentityHasher(secret);
  const keysFile = () =>
    file(
      'keys.csv',
      [
        'customerId,phone,idNumber,cardNumber',
        'C-1,138 1234 5678,11010519491231002x,',
        'C-2,+86 139-0000-0000,,4111 1111 1111 1111',
        'C-3,13900000000,,', // the same phone as C-2: ambiguous
        'C-4,12345,110105194912310021,6222021234567890123', // all three invalid: skipped, never guessed
      ].join('\n'),
    );

  it('matches phone, ID and card numbers written any way, through keyed hashes only', async () => {
    const keys = new KeyIndex(hash);
    await keys.addFile(await keysFile());
    expect(keys.invalid.map((i) => [i.line, i.kind])).toEqual([
      [5, 'phone'],
      [5, 'idNumber'],
      [5, 'cardNumber'],
    ]);
    const linker = new Linker(hash, keys);
    const r = (over: object) => ComplaintRow.parse({ ...row(0, null), ...over });
    expect(linker.link(r({ phone: '0086 13812345678' }))).toEqual({ status: 'matched', customerId: 'C-1', via: 'keys' });
    expect(linker.link(r({ idNumber: '11010519491231002X' }))).toMatchObject({ customerId: 'C-1' });
    expect(linker.link(r({ cardNumber: '4111-1111-1111-1111' }))).toMatchObject({ customerId: 'C-2' });
    // The service stores the same keyed hash, so its hashes match without any raw number.
    expect(linker.link(r({ phoneHash: hash('phone', '13812345678') }))).toMatchObject({ customerId: 'C-1' });
    expect(linker.link(r({ customerId: 'C-7', phone: '13812345678' }))).toEqual({ status: 'matched', customerId: 'C-7', via: 'customerId' });
  });

  it('reports ambiguous and unmatched complainants instead of guessing', async () => {
    const keys = new KeyIndex(hash);
    await keys.addFile(await keysFile());
    const linker = new Linker(hash, keys);
    const r = (over: object) => ComplaintRow.parse({ ...row(0, null), ...over });
    expect(linker.link(r({ phone: '13900000000' }))).toEqual({ status: 'ambiguous', reason: 'shared_identifier' });
    expect(linker.link(r({ phone: '13812345678', cardNumber: '4111111111111111' }))).toEqual({ status: 'ambiguous', reason: 'conflicting_identifiers' });
    expect(linker.link(r({ phone: '13700000000' }))).toEqual({ status: 'unmatched' });
    expect(linker.link(r({ idNumber: '110105194912310021' }))).toEqual({ status: 'unmatched' }); // wrong check character
  });

  it('a key from another secret matches nothing', async () => {
    const keys = new KeyIndex(createIdentityHasher('another-secret-entirely!'));
    await keys.addFile(await keysFile());
    expect(new Linker(hash, keys).link(ComplaintRow.parse({ ...row(0, null), phoneHash: hash('phone', '13812345678') }))).toEqual({ status: 'unmatched' });
  });
});
