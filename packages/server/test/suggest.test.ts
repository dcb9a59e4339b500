import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelTaxonomyMismatchError, silentLogger, startServer } from '../src/index.js';
import { defaultModelPath, demoBankExamples, parseModel, serialiseModel, trainAndEvaluate } from '../src/suggest/index.js';
import { registration } from './helpers/fixture-bank.js';
import { BACKENDS, startTestServer, type TestServer } from './helpers/harness.js';

const SUGGEST = '/v1/classification/suggestions';

describe.each(BACKENDS)('classification suggestions (%s)', (backend) => {
  let t: TestServer;
  const logged: Record<string, unknown>[] = [];
  beforeAll(async () => {
    t = await startTestServer(backend, { logger: { info: (e) => logged.push(e), error: () => {} } });
  });
  afterAll(() => t?.close());

  it('suggests the top three codes with scores and evidence, and flags a sensitive case for staff', async () => {
    const res = await t.api('POST', SUGGEST, {
      token: await t.token('u-sb-frontline'),
      body: { description: '信用卡年费未经告知就被扣了，已经多次投诉，再不处理我就打１２３７８', requestedResolution: '要求退还年费' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.businessCategory).toHaveLength(3);
    expect(res.body.businessCategory[0]).toMatchObject({ code: 'B0302' });
    expect(res.body.businessCategory[0].evidence).toContain('信用卡');
    expect(res.body.cause[0].code).toBe('C11');
    expect(res.body.flags.map((f: { kind: string }) => f.kind)).toEqual(['regulator', 'repeated_escalation']);
    expect(res.body.flags[0].evidence[0]).toMatchObject({ field: 'description', phrase: '12378', text: '１２３７８' });
    expect(res.body.escalationSuggested).toBe(true);
    expect(res.body.model).toMatch(/^nb1-/);
  });

  it('never shows a customer that their words were flagged', async () => {
    const res = await t.api('POST', SUGGEST, { token: await t.token('customer:C-1001'), body: { description: '再不退钱我就找媒体曝光' } });
    expect(res.status).toBe(200);
    expect(res.body.flags).toEqual([]);
    expect(res.body.escalationSuggested).toBe(false);
    expect(res.body.businessCategory.length).toBeGreaterThan(0);
  });

  it('refuses the unauthenticated and bad input', async () => {
    expect((await t.api('POST', SUGGEST, { body: { description: '信用卡' } })).status).toBe(401);
    const bad = await t.api('POST', SUGGEST, { token: await t.token('u-sb-handler'), body: { description: '' } });
    expect(bad.status).toBe(400);
  });

  it('applies nothing: suggesting stores nothing, and a registration keeps the chosen codes beside what was suggested', async () => {
    const token = await t.token('u-sb-handler');
    const before = await t.server.store.lastEventSeq();
    const s = await t.api('POST', SUGGEST, { token, body: { description: '信用卡年费未经告知被扣收' } });
    expect(await t.server.store.lastEventSeq()).toBe(before);

    const shown = { model: s.body.model, businessCategory: s.body.businessCategory.map((x: { code: string }) => x.code), cause: s.body.cause.map((x: { code: string }) => x.code) };
    expect(shown.businessCategory[0]).toBe('B0302');
    // The person chose a debit card and fees: that is what the complaint carries; the suggestion sits beside it.
    const created = await t.api('POST', '/v1/complaints', { token, body: registration({ businessCategory: 'B0301', cause: 'C11', suggestion: shown }) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.businessCategory).toBe('B0301');
    expect(created.body.suggestion).toEqual(shown);
    const read = await t.api('GET', `/v1/complaints/${created.body.id}`, { token });
    expect(read.body.businessCategory).toBe('B0301');
    expect(read.body.suggestion.businessCategory[0]).toBe('B0302');

    // Without codes there is no complaint: a suggestion never fills them in.
    const missing = await t.api('POST', '/v1/complaints', { token, body: registration({ businessCategory: undefined, suggestion: shown }) });
    expect(missing.status).toBe(400);
  });

  it('warns early of a flagged registration without its text or personal data, and leaves severity alone', async () => {
    const token = await t.token('u-sb-handler');
    const created = await t.api('POST', '/v1/complaints', { token, body: registration({ description: '信用卡年费被乱扣，我要去法院起诉，电话13812345678' }) });
    expect(created.status).toBe(201);
    expect(created.body.severity).toBe('normal');
    const warning = logged.find((e) => e.msg === 'sensitive_case_flagged' && e.complaintId === created.body.id);
    expect(warning).toMatchObject({ kinds: ['lawsuit'], phrases: ['法院', '起诉'] });
    expect(JSON.stringify(warning)).not.toContain('13812345678');
    expect(JSON.stringify(warning)).not.toContain('乱扣');
  });

  it('is in the OpenAPI document', async () => {
    const doc = await t.api('GET', '/openapi.json');
    expect(doc.body.paths[SUGGEST].post.operationId).toBe('classification.suggest');
  });
});

describe('the model the service loads', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ck-model-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to start with a model trained against another taxonomy', async () => {
    const model = parseModel(readFileSync(defaultModelPath(), 'utf8'));
    const stale = { ...model, taxonomy: { ...model.taxonomy, businessCategory: model.taxonomy.businessCategory.filter((c) => c !== 'B10'), digest: 'older' } };
    const path = join(dir, 'stale.json');
    writeFileSync(path, serialiseModel(stale));
    const start = startServer({ port: 0, dataDir: dir, jwtSecret: 'test-secret-0123456789abcdef', logger: silentLogger, model: path });
    await expect(start).rejects.toThrow(ModelTaxonomyMismatchError);
    await expect(start).rejects.toThrow(/lacks B10/);
  });

  it('refuses a lexicon file with problems, saying which', async () => {
    const path = join(dir, 'lexicon.json');
    writeFileSync(path, JSON.stringify({ version: 'x', kinds: { media: { phrases: [] } } }));
    await expect(startServer({ port: 0, dataDir: dir, jwtSecret: 'test-secret-0123456789abcdef', logger: silentLogger, lexicon: path })).rejects.toThrow(/kinds\.media\.phrases/);
  });

  it('ships a default model that is exactly what `train --demo --seed 42 --now 2026-11-29T00:00:00Z` writes', () => {
    const now = Date.parse('2026-11-29T00:00:00Z');
    const model = trainAndEvaluate(demoBankExamples({ seed: 42, now, months: 24 }), {
      source: `demo bank, seed 42, 24 months to ${new Date(now).toISOString()}`,
      maxN: 3,
    });
    const shipped = readFileSync(defaultModelPath(), 'utf8');
    expect(serialiseModel(model)).toBe(shipped);
    expect(Buffer.byteLength(shipped)).toBeLessThan(2 * 1024 * 1024);
  });
});
