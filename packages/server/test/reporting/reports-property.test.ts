/**
 * The service's reports equal a plain in-memory recomputation (core's computeReport over facts
 * derived from the stored complaints), over random datasets and random report specs, on SQLite and
 * PostgreSQL. The stored facts and repeat flags are kept incrementally (per write and per import
 * batch), so this also proves the incremental tables equal a recomputation after random writes.
 */
import {
  type Complaint,
  computeReport,
  DIMENSIONS,
  type Dimension,
  factsOf,
  markRepeats,
  type ReportSpec,
} from '@complaintkit/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importHistory } from '../../src/history/import-history.js';
import { reportSpec } from '../../src/reports/spec.js';
import { buildTrend } from '../../src/reports/trend.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/harness.js';
import { ndjson, prng, randomHistory } from './random-history.js';

const SCOPES = [
  { id: 'HO', path: '/HO/' },
  { id: 'BR-44', path: '/HO/BR-44/' },
  { id: 'SB-4403', path: '/HO/BR-44/SB-4403/' },
];
const CHILDREN: Record<string, { id: string; path: string }[]> = {
  HO: [
    { id: 'BR-44', path: '/HO/BR-44/' },
    { id: 'BR-11', path: '/HO/BR-11/' },
    { id: 'CC-CARD', path: '/HO/CC-CARD/' },
  ],
  'BR-44': [
    { id: 'SB-4403', path: '/HO/BR-44/SB-4403/' },
    { id: 'SB-4401', path: '/HO/BR-44/SB-4401/' },
  ],
  'SB-4403': [{ id: 'OT-440305', path: '/HO/BR-44/SB-4403/OT-440305/' }],
};

function randomSpec(r: () => number): ReportSpec {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const day = (d: number) => new Date(Date.parse('2026-01-01T00:00:00Z') + d * 86_400_000).toISOString().slice(0, 10);
  const a = Math.floor(r() * 150);
  const b = a + Math.floor(r() * 60);
  // Some ranges of whole months (read from report_months), some with whole months inside and days
  // around them (months and days together), the rest any days.
  const u = r();
  const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
  const monthEnd = (d: string) => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const range = u < 0.25 ? { from: monthStart(day(a)), to: monthEnd(day(b + 31)) } : u < 0.5 ? { from: day(a), to: day(b + 45) } : { from: day(a), to: day(b) };
  const scope = pick(SCOPES);
  const groupBy = [...DIMENSIONS].sort(() => r() - 0.5).slice(0, Math.floor(r() * 3)) as Dimension[];
  return {
    range,
    filter: {
      orgPath: scope.path,
      ...(r() < 0.3 && { businessCategory: [pick(['B03', 'B0302', 'B02', 'B01'])] }),
      ...(r() < 0.2 && { intakeChannel: [pick(['hotline', 'regulator_transfer'])] }),
      ...(r() < 0.2 && { cause: [pick(['C01', 'C11'])] }),
      ...(r() < 0.2 && { region: pick(['44', '4403', '440305', '11', 'not_regional']) }),
      ...(r() < 0.1 && { severity: ['complex'] }),
      ...(r() < 0.1 && { businessChannel: ['A01'] }),
    },
    groupBy,
    orgs: { scope, children: CHILDREN[scope.id] ?? [] },
    outlets: r() < 0.5 ? 40 : null,
    customers: r() < 0.5 ? 1_000_000 : null,
  };
}

describe.each(BACKENDS)('reports equal an in-memory recomputation (%s)', (backend) => {
  let t: TestServer;
  let store: SqlStore;
  beforeAll(async () => {
    t = await startTestServer(backend, { alertEveryMs: 0 });
    store = t.server.store as SqlStore;
  }, 60_000);
  afterAll(() => t?.close());

  async function memoryFacts() {
    const rows = await store.db.selectFrom('complaints').select(['document', 'handling_org_path']).execute();
    return markRepeats(rows.map((row) => factsOf(JSON.parse(row.document) as Complaint, { orgPath: row.handling_org_path })));
  }

  it('after importing random history in batches, and again after live changes on top', async () => {
    for (const seed of [1, 2]) {
      const s = await importHistory(store, ndjson(randomHistory(seed, 250)), 'ndjson', { batchSize: 60 });
      expect(s.errors).toEqual([]);
      expect(s.imported).toBe(250);
    }
    let facts = await memoryFacts();
    const r = prng(7);
    for (let i = 0; i < 40; i++) {
      const spec = randomSpec(r);
      expect(await store.reporting.report(spec), JSON.stringify(spec)).toEqual(computeReport(facts, spec));
    }
    // Monthly and quarterly trends sum the monthly pre-aggregates: each period equals its own report.
    for (const id of ['HO', 'BR-44']) {
      const scope = await store.getOrganisation(id);
      if (!scope) throw new Error(`no ${id}`);
      for (const interval of ['month', 'quarter'] as const) {
        for (const metric of ['volume', 'timeliness', 'repeatRate'] as const) {
          const trend = await buildTrend(store, scope, { from: '2026-01-10', to: '2026-05-20' }, interval, metric, {});
          expect(trend.periods.length).toBeGreaterThan(1);
          for (const p of trend.periods) {
            const expected = computeReport(facts, await reportSpec(store, scope, { from: p.from, to: p.to }, {})).total.metrics[metric];
            expect(p.value, `${id} ${interval} ${metric} ${p.key}`).toEqual(expected);
          }
        }
      }
    }
    // Live writes on top: register and decide over HTTP; the facts and repeat flags follow.
    const manager = await t.token('u-sb-manager');
    const handler = await t.token('u-sb-handler');
    for (let i = 0; i < 5; i++) {
      const reg = await t.api('POST', '/v1/complaints', {
        token: handler,
        body: {
          intakeChannel: 'hotline', businessChannel: 'A0101', businessCategory: 'B0301', cause: 'C01',
          complainant: { name: '李四', customerId: `C-${i}` }, description: '借记卡', regionCode: '440305',
        },
      });
      expect(reg.status).toBe(201);
      await t.api('POST', `/v1/complaints/${reg.body.id}/accept`, { token: handler, body: {} });
      await t.api('POST', `/v1/complaints/${reg.body.id}/start`, { token: manager, body: {} });
    }
    facts = await memoryFacts();
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const spec: ReportSpec = { range: { from: '2026-01-01', to: today }, filter: { orgPath: '/HO/' }, groupBy: ['organisation'], orgs: { scope: SCOPES[0] as { id: string; path: string }, children: CHILDREN.HO ?? [] } };
    expect(await store.reporting.report(spec)).toEqual(computeReport(facts, spec));
  }, 120_000);
});
