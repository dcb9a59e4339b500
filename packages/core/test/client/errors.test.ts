import { describe, expect, it, vi } from 'vitest';
import {
  AuthenticationError,
  ComplaintKitError,
  ConflictError,
  ForbiddenError,
  InvalidTransitionError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  RuleViolationError,
  ServerError,
  TimeoutError,
  ValidationError,
} from '../../src/index.js';
import { HttpResponse, http, input, makeComplaint, problem, SECRET_NAME, SECRET_PHONE, server, testClient, url, useServer } from './helpers.js';

useServer();

const ID = 'CK20260302-000001';

describe('typed errors from the service', () => {
  const cases: [number, string, Record<string, unknown>, Record<string, string>, new (...a: never[]) => ComplaintKitError, boolean][] = [
    [400, 'validation_failed', { errors: [{ path: 'reason', message: 'Required' }] }, {}, ValidationError, false],
    [401, 'unauthenticated', {}, {}, AuthenticationError, false],
    [403, 'forbidden', {}, {}, ForbiddenError, false],
    [403, 'role_not_allowed', { allowedActions: ['accept'] }, {}, ForbiddenError, false],
    [404, 'not_found', {}, {}, NotFoundError, false],
    [409, 'invalid_transition', { allowedActions: ['start', 'transfer'] }, {}, InvalidTransitionError, false],
    [422, 'rule_violation', { detail: `第三次延期不允许，客户${SECRET_NAME} ${SECRET_PHONE}` }, {}, RuleViolationError, false],
    [422, 'idempotency_key_reused', {}, {}, ConflictError, false],
    [429, 'rate_limited', {}, { 'retry-after': '7' }, RateLimitError, true],
    [500, 'internal', {}, {}, ServerError, true],
    [408, 'request_timeout', {}, {}, TimeoutError, true],
  ];
  it.each(cases)('HTTP %i %s becomes the right class with status, ids and retryable', async (status, code, extra, headers, Cls, retryable) => {
    server.use(http.post(url('/v1/complaints/:id/decline'), () => problem(status, code, extra, headers)));
    const { client } = testClient({ maxRetries: 0 });
    const e = await client.complaints.decline(ID, { reason: '非消费投诉' }).catch((x) => x);
    expect(e).toBeInstanceOf(Cls);
    expect(e).toBeInstanceOf(ComplaintKitError);
    expect(e.status).toBe(status);
    expect(e.retryable).toBe(retryable);
    expect(e.requestId).toBe('srv-req');
    expect(e.idempotencyKey).toBeTruthy();
    expect(e.operation).toBe('POST /v1/complaints/{id}/decline');
    expect(e.message).not.toContain(SECRET_NAME);
    expect(e.message).not.toContain(SECRET_PHONE);
    expect(JSON.stringify({ ...e, message: e.message })).not.toContain(SECRET_PHONE);
  });

  it('names a bad history row by its line and, for a CSV, its record (the row a spreadsheet shows)', async () => {
    server.use(
      http.post(url('/v1/history/import'), () =>
        problem(422, 'invalid_rows', {
          errors: [
            { line: 7, record: 5, path: 'receivedAt', message: 'expected a date-time' },
            { line: 3, path: 'cause', message: 'unknown cause' },
          ],
        }),
      ),
    );
    const { client } = testClient({ maxRetries: 0 });
    const e = await client.history.import({ format: 'csv', data: 'x' }).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.fields.map((f: { path: string }) => f.path)).toEqual(['line 7 (record 5): receivedAt', 'line 3: cause']);
  });

  it('carries what to do next: allowed actions, field errors, retryAfter, redacted detail', async () => {
    const { client } = testClient({ maxRetries: 0 });
    server.use(http.post(url('/v1/complaints/:id/start'), () => problem(409, 'invalid_transition', { allowedActions: ['accept', 'decline'] })));
    const t = await client.complaints.start(ID).catch((x) => x);
    expect(t.allowedActions).toEqual(['accept', 'decline']);
    expect(t.message).toContain('accept, decline');

    server.use(http.post(url('/v1/complaints'), () => problem(400, 'validation_failed', { errors: [{ path: 'complainant.phone', message: 'Invalid phone' }] })));
    const v = await client.complaints.create(input).catch((x) => x);
    expect(v.source).toBe('server');
    expect(v.fields).toEqual([{ path: 'complainant.phone', message: 'Invalid phone' }]);
    expect(v.message).toContain('complainant.phone');

    server.use(http.get(url('/v1/me'), () => problem(429, 'rate_limited', {}, { 'retry-after': '7' })));
    const r = await client.identity.me().catch((x) => x);
    expect(r.retryAfter).toBe(7);

    server.use(http.post(url('/v1/complaints/:id/extend'), () => problem(422, 'rule_violation', { detail: `客户${SECRET_NAME}电话${SECRET_PHONE}已两次延期` })));
    const rv = await client.complaints.extend(ID, { reason: '复杂', complainantNotifiedAt: '2026-03-10T10:00:00+08:00' }).catch((x) => x);
    expect(rv).toBeInstanceOf(RuleViolationError);
    expect(rv.detail).toContain('139****5678');
    expect(rv.detail).not.toContain(SECRET_PHONE);

    server.use(http.post(url('/v1/complaints'), () => problem(422, 'idempotency_key_reused')));
    const c = await client.complaints.create(input, { idempotencyKey: 'k-1' }).catch((x) => x);
    expect(c.code).toBe('idempotency_key_reused');
    expect(c.idempotencyKey).toBe('k-1');
  });

  it('maps a non-JSON error page by its status alone', async () => {
    server.use(http.get(url('/v1/me'), () => new HttpResponse('<html>Bad gateway</html>', { status: 502 })));
    const { client } = testClient({ maxRetries: 0 });
    const e = await client.identity.me().catch((x) => x);
    expect(e).toBeInstanceOf(ServerError);
    expect(e.code).toBe('internal');
  });
});

describe('request validation before sending', () => {
  it('refuses a bad body with field issues, sends nothing and keeps personal data out of the error', async () => {
    const sent = vi.fn();
    server.use(http.post(url('/v1/complaints'), () => {
        sent();
        return HttpResponse.json({});
      }));
    const { client } = testClient();
    const bad = { ...input, complainant: { name: SECRET_NAME, phone: `x${SECRET_PHONE}` }, description: '' };
    const e = await client.complaints.create(bad).catch((x) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.source).toBe('client');
    expect(e.status).toBeUndefined();
    expect(e.retryable).toBe(false);
    expect(e.fields.map((f: { path: string }) => f.path).sort()).toEqual(['complainant.phone', 'description']);
    expect(JSON.stringify(e.fields) + e.message).not.toContain(SECRET_PHONE);
    expect(sent).not.toHaveBeenCalled();
  });

  it('checks action bodies (cross-field rules too) and list queries', async () => {
    const sent = vi.fn();
    server.use(http.all(`${url('')}/*`, () => {
        sent();
        return HttpResponse.json({});
      }));
    const { client } = testClient();
    const f = await client.complaints.followUp(ID, { reached: true }).catch((x) => x);
    expect(f.fields).toEqual([expect.objectContaining({ path: 'satisfaction' })]);
    // @ts-expect-error not a status
    const q = await client.complaints.list({ status: ['nonsense'] }).catch((x: unknown) => x as ValidationError);
    expect(q).toBeInstanceOf(ValidationError);
    expect((q as ValidationError).fields[0]?.path).toBe('query.status.0');
    expect(sent).not.toHaveBeenCalled();
  });
});

describe('response validation', () => {
  const broken = () => ({ ...makeComplaint(), status: 'teleported' });
  it("'strict' throws ResponseValidationError naming the field, never its value", async () => {
    server.use(http.get(url('/v1/complaints/:id'), () => HttpResponse.json(broken())));
    const { client } = testClient();
    const e = await client.complaints.get(ID).catch((x) => x);
    expect(e).toBeInstanceOf(ResponseValidationError);
    expect(e.issues.map((i: { path: string }) => i.path)).toEqual(['status']);
    expect(e.retryable).toBe(false);
    expect(e.message).not.toContain(SECRET_NAME);
  });

  it("'warn' returns the body and emits a warning event; 'off' returns it silently", async () => {
    server.use(http.get(url('/v1/complaints/:id'), () => HttpResponse.json(broken())));
    const warn = vi.fn();
    const { client } = testClient({ validation: 'warn', logger: { warn } });
    const events: string[] = [];
    client.events$.subscribe((e) => events.push(`${e.type}:${e.errorCode ?? ''}`));
    const c = await client.complaints.get(ID);
    expect(c.status).toBe('teleported');
    expect(events).toContain('warning:response_validation_failed');
    expect(warn).toHaveBeenCalledTimes(1);
    const off = testClient({ validation: 'off' }).client;
    await expect(off.complaints.get(ID)).resolves.toMatchObject({ status: 'teleported' });
  });

  it('parses a valid answer (defaults applied) and types it from the schema', async () => {
    server.use(http.get(url('/v1/complaints/:id'), () => HttpResponse.json(makeComplaint())));
    const { client } = testClient();
    const c = await client.complaints.get(ID);
    expect(c.complainant.name).toBe(SECRET_NAME);
    expect(c.timeline[0]?.type).toBe('register');
  });
});
