import { createConfig, lintFromString } from '@redocly/openapi-core';
import { Validator } from '@seriousme/openapi-schema-validator';
import { ALL_ENDPOINTS, COMMON_PROBLEMS, PROBLEM_CODES, PROBLEMS, referenceOf } from '@complaintkit/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sseMessage, sseRefetch } from '../src/http/sse.js';
import type { StoredChange } from '../src/store/store.js';
import { type AnyJson, startTestServer, type TestServer } from './helpers/harness.js';

describe('OpenAPI document', () => {
  let t: TestServer;
  let doc: AnyJson;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    const res = await t.api('GET', '/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
  });
  afterAll(() => t?.close());

  const operations = () => ALL_ENDPOINTS.map((e) => ({ e, op: doc.paths[e.path]?.[e.method.toLowerCase()] }));

  it('is a valid OpenAPI 3.2 document', async () => {
    expect(doc.openapi).toBe('3.2.0');
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("passes Redocly's recommended-strict rules with no warning (examples checked against their schemas)", async () => {
    const config = await createConfig({ extends: ['recommended-strict'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('the linter does flag a broken document (so the test above can fail)', async () => {
    const broken = structuredClone(doc);
    broken.paths['/v1/complaints'].post.requestBody.content['application/json'].example = { description: 5 };
    const config = await createConfig({ extends: ['recommended-strict'] });
    const problems = await lintFromString({ source: JSON.stringify(broken), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => p.ruleId)).toContain('no-invalid-media-type-examples');
  });

  it('describes every endpoint of the contract, with a description and request and response examples', () => {
    // 10 complaint, change-feed, tag, identity and classification operations, 16 lifecycle actions, 14 reporting operations (reports, alerts, history import).
    expect(ALL_ENDPOINTS).toHaveLength(10 + 16 + 14);
    for (const { e, op } of operations()) {
      expect(op, `${e.method} ${e.path}`).toBeDefined();
      expect(op.operationId).toBe(e.operationId);
      expect(op.description).toBe(referenceOf(e).description);
      const success = op.responses[String(e.successStatus)];
      const media = success.content[e.stream ? 'text/event-stream' : 'application/json'];
      expect(media.example, `${e.operationId} response example`).toBeDefined();
      if (e.body) expect(op.requestBody.content['application/json'].example, `${e.operationId} request example`).toBeDefined();
      const idempotent = op.parameters.some((p: { $ref?: string }) => p.$ref === '#/components/parameters/IdempotencyKey');
      expect(idempotent, e.operationId).toBe(e.idempotent);
    }
    // Made by core's lifecycle from the request examples: each action's example is the complaint after it.
    expect(doc.paths['/v1/complaints/{id}/accept'].post.responses['200'].content['application/json'].example.status).toBe('accepted');
    expect(doc.paths['/v1/complaints/{id}/request-review'].post.responses['200'].content['application/json'].example.status).toBe('under_review');
  });

  it('lists only the problems each operation can answer with, each with X-Request-Id, Retry-After on 429 and 503', () => {
    for (const { e, op } of operations()) {
      const expected = new Set([...referenceOf(e).problems, ...COMMON_PROBLEMS].map((c) => String(PROBLEMS[c].status)));
      if (e.body) for (const s of ['413', '415']) expected.add(s);
      expected.add('400'); // every URL holding a NUL (%00) is refused at the edge (http/nul.ts)
      const errors = Object.keys(op.responses).filter((s) => Number(s) >= 400);
      expect(new Set(errors), e.operationId).toEqual(expected);
      for (const status of errors) {
        const r = op.responses[status];
        expect(r.headers['X-Request-Id'], `${e.operationId} ${status}`).toEqual({ $ref: '#/components/headers/RequestId' });
        expect(r.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
        expect(Boolean(r.headers['Retry-After']), `${e.operationId} ${status}`).toBe(status === '429' || status === '503');
      }
    }
    expect(Object.keys(doc.paths['/v1/me'].get.responses).sort()).toEqual(['200', '400', '401', '429', '500', '503']);
    expect(doc.paths['/v1/complaints/{id}'].get.responses['404']).toBeDefined();
  });

  it('declares the 400 an operation without a body or query answers to a URL holding a NUL', async () => {
    const token = await t.token('u-sb-handler');
    for (const [path, template] of [
      ['/v1/complaints/CK%00', '/v1/complaints/{id}'],
      ['/v1/me?x=%00', '/v1/me'],
      ['/v1/customers/C-1%00/tags', '/v1/customers/{customerId}/tags'],
    ] as const) {
      const res = await t.api('GET', path, { token });
      expect(res.status, path).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      const declared = doc.paths[template].get.responses['400'];
      expect(declared, template).toBeDefined();
      expect(Object.keys(declared.content['application/problem+json'].examples)).toContain('validation_failed');
    }
  });

  it("declares a history file's bad rows as 422 invalid_rows, each error with its line, and free text that must show something", () => {
    // A compressed body's 415 carries Accept-Encoding: identity, declared where the service sends it.
    expect(doc.paths['/v1/complaints'].post.responses['415'].headers['Accept-Encoding']).toEqual({ $ref: '#/components/headers/AcceptEncoding' });
    const responses = doc.paths['/v1/history/import'].post.responses;
    expect(responses['422'].content['application/problem+json'].examples.invalid_rows).toBeDefined();
    expect(doc.components.schemas.Problem.properties.errors.items.properties.line).toEqual({ type: 'integer' });
    // A pasted zero-width space is not a description (core's text(): a pattern the generated client checks too).
    const create = doc.paths['/v1/complaints'].post.requestBody.content['application/json'].schema;
    const body = create.$ref ? doc.components.schemas[create.$ref.split('/').pop()] : create;
    // JSON Schema patterns are read in Unicode mode, as ajv compiles them (with `u`): a character beyond
    // U+FFFF is one code point there, so tag characters and the variation selectors supplement show nothing.
    // Two patterns, both to hold (allOf): something visible, and no bidirectional override control.
    const [visible, noOverride] = (body.properties.description.allOf as { pattern: string }[]).map((p) => new RegExp(p.pattern, 'u'));
    if (!visible || !noOverride) throw new Error('description has not its two patterns');
    expect(noOverride.test('\u202E测试')).toBe(false);
    expect(noOverride.test('\u2067ئابدۇرېھىم\u2069 先生')).toBe(true);
    expect(visible.test('\u200B \u3000')).toBe(false);
    expect(visible.test('\u{E0001}\u{E0041}\u{E0100}\u17B4')).toBe(false);
    expect(visible.test('年费')).toBe(true);
    expect(visible.test('𠀀')).toBe(true);
  });

  it('gives the problem code as an enum of the codes the service uses', () => {
    expect(doc.components.schemas.Problem.properties.code.enum).toEqual(PROBLEM_CODES);
  });

  it('describes the event stream with itemSchema, and shared schemas as references', () => {
    const stream = doc.paths['/v1/events'].get;
    const media = stream.responses['200'].content['text/event-stream'];
    const [change] = media.itemSchema.oneOf;
    expect(change.properties.data).toMatchObject({ contentMediaType: 'application/json', contentSchema: { $ref: '#/components/schemas/ComplaintChange' } });
    expect(JSON.stringify(media)).not.toContain('"x-');
    expect(stream.parameters.map((p: { name?: string }) => p.name)).toEqual(expect.arrayContaining(['Last-Event-ID', 'complaintId']));

    const list = doc.paths['/v1/complaints'].get.responses['200'].content['application/json'].schema;
    expect(list.properties.data.items).toEqual({ $ref: '#/components/schemas/Complaint' });
    expect(doc.paths['/v1/organisations'].get.responses['200'].content['application/json'].schema.properties.data.items).toEqual({ $ref: '#/components/schemas/Organisation' });
    expect(doc.paths['/v1/me'].get.responses['200'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Me' });
    expect(JSON.stringify(doc.components.schemas.Me)).toContain('#/components/schemas/Organisation');
    expect(doc.components.schemas.ComplaintChange.properties.complaint).toEqual({ $ref: '#/components/schemas/Complaint' });
  });

  it('declares every kind of message the event stream sends: change, alert and refetch', () => {
    // A client generated from the document met `event: alert` messages (managers' streams) it had no schema for.
    const kinds = doc.paths['/v1/events'].get.responses['200'].content['text/event-stream'].itemSchema.oneOf;
    const byEvent = Object.fromEntries(kinds.map((k: AnyJson) => [k.properties.event.const, k]));
    expect(Object.keys(byEvent)).toEqual(['change', 'alert', 'refetch']);
    const sent = [
      sseMessage({ seq: 7, alert: { id: 'AL-1' } } as unknown as StoredChange),
      sseRefetch(120_000, 10_000),
    ].map((m) => /^event: (\w+)$/m.exec(m)?.[1]);
    expect(sent).toEqual(['alert', 'refetch']);
    expect(byEvent.alert.properties.data.contentSchema.required).toEqual(expect.arrayContaining(['id', 'ruleId', 'level', 'status']));
    const refetch = JSON.parse(/^data: (.*)$/m.exec(sseRefetch(120_000, 10_000))?.[1] ?? '{}');
    expect(Object.keys(refetch).sort()).toEqual([...byEvent.refetch.properties.data.contentSchema.required].sort());
  });

  it('declares that an empty cursor (complaints) or since (complaint changes) reads the first page', () => {
    const param = (path: string, name: string) =>
      (doc.paths[path].get.parameters as { name: string; schema: { pattern?: string } }[]).find((p) => p.name === name);
    expect(doc.paths['/v1/complaints'].get.description).toMatch(/absent or empty, `cursor` means the first page/);
    expect(doc.paths['/v1/complaint-changes'].get.description).toMatch(/`since` absent, empty or `0` reads from the beginning/);
    expect(new RegExp(param('/v1/complaint-changes', 'since')?.schema.pattern as string).test('')).toBe(true);
  });

  it("says what each of the complaint list's query parameters means: what q searches, the instants receivedFrom takes", () => {
    const params = (doc.paths['/v1/complaints'].get.parameters as { name?: string; in?: string; description?: string }[]).filter((p) => p.in === 'query');
    expect(params.length).toBeGreaterThan(10);
    expect(params.filter((p) => !p.description).map((p) => p.name)).toEqual([]);
    const said = (name: string) => params.find((p) => p.name === name)?.description;
    expect(said('q')).toMatch(/complaint number, the description or the requested resolution/);
    expect(said('q')).toMatch(/name and phone are not searched/);
    expect(said('receivedFrom')).toMatch(/with an offset, e\.g\. `2026-11-01T00:00:00\+08:00`/);
  });

  it('leaks no ±2^53 bounds into integers', () => {
    expect(JSON.stringify(doc)).not.toContain(String(Number.MAX_SAFE_INTEGER));
  });

  it('declares bearer JWT security, request schemas as input and array query parameters', () => {
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    const create = doc.paths['/v1/complaints'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['description', 'complainant']));
    // Input schema: fields with defaults are optional on the way in.
    expect(create.requestBody.content['application/json'].schema.required).not.toContain('severity');
    const list = doc.paths['/v1/complaints'].get;
    const status = list.parameters.find((p: { name?: string }) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', style: 'form', explode: true, schema: { type: 'array' } });
  });
  it('declares the media type the service answers with: the regulator statistics as CSV', async () => {
    // A client generated from the document (openapi-fetch) must know the CSV is not JSON.
    const res = await t.api('GET', '/v1/reports/regulator?quarter=2026Q1&format=csv', { token: await t.token('u-br-manager') });
    expect(res.status).toBe(200);
    const mediaType = res.headers.get('content-type')?.split(';')[0];
    expect(mediaType).toBe('text/csv');
    const success = doc.paths['/v1/reports/regulator'].get.responses['200'];
    expect(Object.keys(success.content)).toEqual(['application/json', 'text/csv']);
    expect(success.content['text/csv'].schema).toEqual({ type: 'string' });
    expect(success.content['text/csv'].example).toMatch(/^quarter,org_id,/);
    expect(success.headers['Content-Disposition']).toBeDefined();
  });
});
