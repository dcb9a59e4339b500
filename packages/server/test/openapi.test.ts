import { Validator } from '@seriousme/openapi-schema-validator';
import { ALL_ENDPOINTS } from '@complaintkit/core/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('describes every endpoint of the contract', () => {
    const endpoints = ALL_ENDPOINTS;
    expect(endpoints).toHaveLength(6 + 15);
    for (const e of endpoints) {
      const op = doc.paths[e.path]?.[e.method.toLowerCase()];
      expect(op, `${e.method} ${e.path}`).toBeDefined();
      expect(op.operationId).toBe(e.operationId);
      expect(op.responses[String(e.successStatus)]).toBeDefined();
      expect(op.responses['400'].$ref).toBe('#/components/responses/Problem400');
      const idempotent = op.parameters.some((p: { $ref?: string }) => p.$ref === '#/components/parameters/IdempotencyKey');
      expect(idempotent, e.operationId).toBe(e.idempotent);
    }
  });

  it('declares bearer JWT security, problem documents and the event stream', () => {
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.responses.Problem404.content['application/problem+json'].schema.$ref).toBe('#/components/schemas/Problem');
    const stream = doc.paths['/v1/events'].get;
    expect(Object.keys(stream.responses['200'].content)).toEqual(['text/event-stream']);
    expect(stream.responses['200'].content['text/event-stream']['x-sse-data-schema']).toEqual({ $ref: '#/components/schemas/ComplaintChange' });
    expect(stream.parameters.map((p: { name?: string }) => p.name)).toEqual(expect.arrayContaining(['Last-Event-ID', 'complaintId']));
    const create = doc.paths['/v1/complaints'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['description', 'complainant']));
    // Input schema: fields with defaults are optional on the way in.
    expect(create.requestBody.content['application/json'].schema.required).not.toContain('severity');
    const list = doc.paths['/v1/complaints'].get;
    const status = list.parameters.find((p: { name?: string }) => p.name === 'status');
    expect(status).toMatchObject({ in: 'query', style: 'form', explode: true, schema: { type: 'array' } });
  });
});
