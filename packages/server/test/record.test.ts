/**
 * The record reports and tags read (docs/domain/metrics.md, docs/domain/tags.md): filled on
 * registration, decision and follow-up, returned on the wire and stored in indexed columns.
 */
import { createIdentityHasher } from '@complaintkit/core/node';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migration as m0021 } from '../src/store/migrations/0021_identity_unhashed.js';
import type { SqlStore } from '../src/store/sql-store.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

const SECRET = 'bank-held-identity-secret-0123456789';
const hash = createIdentityHasher(SECRET);

describe.each(BACKENDS)('the complaint record (%s)', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { identitySecret: SECRET });
  });
  afterAll(() => t?.close());

  const row = (id: string) => (t.server.store as SqlStore).db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const post = async (path: string, who: string, body: unknown) => t.api('POST', path, { token: await t.token(who), body });

  it('stores the customer id, keyed identity hashes and whether staff verified the identity', async () => {
    const res = await post('/v1/complaints', 'u-sb-frontline', registration({
      complainant: { name: '张三', phone: '138-1234-5678', idNumber: '440301199001011234', customerId: 'C-1001', identityVerified: true },
    }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const phoneHash = hash('phone', '+8613812345678');
    const idNumberHash = hash('idNumber', '440301199001011234');
    expect(res.body.complainant).toMatchObject({ customerId: 'C-1001', identityVerified: true, phoneHash, idNumberHash });
    expect(await row(res.body.id)).toMatchObject({ customer_id: 'C-1001', identity_verified: 1, phone_hash: phoneHash, id_number_hash: idNumberHash });
  });

  it('takes personal numbers the way people type them (spaces, +86, full-width) and stores them compact, hashed alike', async () => {
    const res = await post('/v1/complaints', 'u-sb-frontline', registration({
      complainant: { name: '张三', phone: '+86 138 1234 5678', idNumber: '440301 19900101 1234', cardNumber: '６２２２ ０２１２ ３４５６ ７８９０ １２８' },
    }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.complainant).toMatchObject({
      phone: '+8613812345678',
      idNumber: '440301199001011234',
      cardNumber: '6222021234567890128',
      phoneHash: hash('phone', '13812345678'),
      idNumberHash: hash('idNumber', '440301199001011234'),
    });
    const read = await t.api('GET', `/v1/complaints/${res.body.id}`, { token: await t.token('u-sb-frontline') });
    expect(read.body.complainant.phone).toBe('+8613812345678');
  });

  it('fills missing identity hashes (as at start) only where the document names a phone or ID number, a page at a time', async () => {
    const withNumbers = await post('/v1/complaints', 'u-sb-frontline', registration());
    const without = await post('/v1/complaints', 'u-sb-frontline', registration({ complainant: { name: '王五' } }));
    const other = await post('/v1/complaints', 'u-sb-frontline', registration({ complainant: { name: '赵六', phone: '13912345678' } }));
    const db = (t.server.store as SqlStore).db;
    const ids = [withNumbers.body.id, without.body.id, other.body.id];
    // Written hashed: nothing flagged for the start-up fill.
    expect((await Promise.all(ids.map(row))).map((r) => Number(r.identity_unhashed))).toEqual([0, 0, 0]);
    // As a database written before the secret was known: hashes gone from columns and documents, and
    // the migration's backfill (0021) flags exactly the two that name a number.
    for (const id of ids) {
      const doc = JSON.parse((await row(id)).document);
      doc.complainant.phoneHash = null;
      doc.complainant.idNumberHash = null;
      await db.updateTable('complaints').set({ phone_hash: null, id_number_hash: null, document: JSON.stringify(doc) }).where('id', '=', id).execute();
    }
    await m0021.down?.(db as Kysely<unknown>);
    await m0021.up(db as Kysely<unknown>);
    expect((await Promise.all(ids.map(row))).map((r) => Number(r.identity_unhashed))).toEqual([1, 0, 1]);
    // A page of one: both complaints with numbers are found across pages; the one without is never rewritten.
    expect(await t.server.store.fillIdentityHashes(hash, 1)).toBe(2);
    expect((await Promise.all(ids.map(row))).map((r) => Number(r.identity_unhashed))).toEqual([0, 0, 0]);
    expect(JSON.parse((await row(other.body.id)).document).complainant.phoneHash).toBe(hash('phone', '13912345678'));
    const rows = await db.selectFrom('complaints').select(['id', 'phone_hash', 'version']).where('id', 'in', ids).orderBy('id').execute();
    expect(Object.fromEntries(rows.map((r) => [r.id, r.phone_hash]))).toEqual({
      [withNumbers.body.id]: hash('phone', '13812345678'),
      [without.body.id]: null,
      [other.body.id]: hash('phone', '13912345678'),
    });
    expect(await t.server.store.fillIdentityHashes(hash, 1)).toBe(0);
  });

  it('lets only staff vouch for identity; accepting verifies it', async () => {
    const res = await post('/v1/complaints', 'customer:C-3003', registration({ intakeChannel: 'mobile_app', complainant: { name: '王五', identityVerified: true } }));
    expect(res.body.complainant.identityVerified).toBe(false);
    const accepted = await post(`/v1/complaints/${res.body.id}/accept`, 'u-br-handler', {});
    expect(accepted.body.complainant.identityVerified).toBe(true);
    expect(Number((await row(res.body.id)).identity_verified)).toBe(1);
  });

  it('refuses an ID number failing GB 11643 and a card number failing Luhn, naming the field', async () => {
    const bad = await post('/v1/complaints', 'u-sb-frontline', registration({ complainant: { name: '张三', idNumber: '440301199001011235', cardNumber: '6222021234567890123' } }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('complainant.idNumber');
    expect(JSON.stringify(bad.body)).toContain('complainant.cardNumber');
  });

  it('fills the region from the handling organisation; a centre is not regional, head office alone is unknown', async () => {
    const { regionCode: _r, ...noRegion } = registration();
    const here = await post('/v1/complaints', 'u-sb-frontline', noRegion);
    expect(here.body).toMatchObject({ regionCode: '440300', regionScope: 'regional', subjectOrgId: 'SB-4403' });
    const centre = await post('/v1/complaints', 'u-sb-frontline', { ...noRegion, handlingOrgId: undefined });
    expect(centre.body.regionScope).toBe('regional');
    const sys = await post('/v1/complaints', 'system', { ...noRegion, handlingOrgId: 'CC-CARD' });
    expect(sys.body).toMatchObject({ regionCode: null, regionScope: 'not_regional', handlingOrgId: 'CC-CARD' });
    const unknown = await post('/v1/complaints', 'customer:C-4004', { ...noRegion, intakeChannel: 'mobile_app' });
    expect(unknown.body).toMatchObject({ handlingOrgId: 'HO', regionCode: null, regionScope: 'unknown' });
    expect(await row(unknown.body.id)).toMatchObject({ region_code: null, region_scope: 'unknown' });
    const given = await post('/v1/complaints', 'u-sb-frontline', registration({ regionCode: '440305', subjectOrgId: 'OT-440305' }));
    expect(given.body).toMatchObject({ regionCode: '440305', regionScope: 'regional', subjectOrgId: 'OT-440305' });
    expect((await row(given.body.id)).subject_org_id).toBe('OT-440305');
    const nowhere = await post('/v1/complaints', 'u-sb-frontline', registration({ subjectOrgId: 'NOPE' }));
    expect(nowhere.status).toBe(422);
  });

  it('stores the decision facts (decided, told, met, deciding organisation, day of receipt) and every follow-up attempt', async () => {
    const receivedAt = new Date(Date.now() - 3 * 86_400_000).toISOString();
    const c = (await post('/v1/complaints', 'u-sb-frontline', registration({ receivedAt }))).body;
    await post(`/v1/complaints/${c.id}/accept`, 'u-sb-frontline', {});
    await post(`/v1/complaints/${c.id}/start`, 'u-sb-handler', {});
    const decision = { outcome: 'not_upheld', basis: '操作合规', remediesOffered: ['review'], notifiedVia: 'phone' };
    const future = await post(`/v1/complaints/${c.id}/respond`, 'u-sb-handler', { ...decision, notifiedAt: new Date(Date.now() + 3_600_000).toISOString() });
    // The service's date bounds refuse it first (400 naming the field); core's lifecycle refuses it too (422).
    expect(future.status).toBe(400);
    expect(future.body.detail ?? future.body.title).toMatch(/notifiedAt/);
    const notifiedAt = new Date(Date.now() - 60_000).toISOString();
    const r = await post(`/v1/complaints/${c.id}/respond`, 'u-sb-handler', { ...decision, notifiedAt });
    expect(r.body.decision).toMatchObject({ notifiedAt, decidingOrgId: 'SB-4403', timeliness: 'met' });
    const day = new Date(Date.parse(receivedAt) + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(r.body.receivedDay).toBe(day);
    expect(await row(c.id)).toMatchObject({ received_day: day, deciding_org_id: 'SB-4403', timeliness: 'met' });
    expect(Number((await row(c.id)).notified_at)).toBe(Date.parse(notifiedAt));

    const missed = await post(`/v1/complaints/${c.id}/follow-up`, 'u-sb-frontline', { reached: false });
    expect(missed.body.status).toBe('responded');
    const reached = await post(`/v1/complaints/${c.id}/follow-up`, 'u-sb-frontline', { reached: true, satisfaction: 3, decisionAccepted: true });
    expect(reached.body.status).toBe('followed_up');
    expect(reached.body.followUps.map((f: { attempt: number; reached: boolean }) => [f.attempt, f.reached])).toEqual([[1, false], [2, true]]);
    const rows = await (t.server.store as SqlStore).db.selectFrom('follow_ups').selectAll().where('complaint_id', '=', c.id).orderBy('attempt').execute();
    expect(rows.map((f) => [Number(f.attempt), Number(f.reached), f.score === null ? null : Number(f.score)])).toEqual([[1, 0, null], [2, 1, 3]]);
  });
});
