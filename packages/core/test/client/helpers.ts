import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type ClientOptions, createComplaintClient } from '../../src/index.js';
import { applyAction, registerComplaint } from '../../src/domain/lifecycle/machine.js';
import { ComplaintCreate, type ComplaintCreateInput } from '../../src/domain/schemas/complaint.js';
import type { Complaint } from '../../src/domain/schemas/complaint.js';
import type { Actor } from '../../src/domain/schemas/actor.js';

export const BASE = 'http://ck.test';
export const url = (path: string) => `${BASE}${path}`;

/** Personal data that must never show up in events, errors or logs. */
export const SECRET_NAME = '王小明';
export const SECRET_PHONE = '13912345678';

export const input: ComplaintCreateInput = {
  intakeChannel: 'hotline',
  businessChannel: 'A010303',
  businessCategory: 'B0302',
  cause: 'C11',
  complainant: { name: SECRET_NAME, phone: SECRET_PHONE },
  description: `客户${SECRET_NAME}（${SECRET_PHONE}）称信用卡年费未经告知被扣收`,
};

export const staff: Actor = { kind: 'staff', id: 'u-1001', role: 'handler', orgId: 'BR-44' };
const T0 = Date.parse('2026-03-02T09:00:00+08:00');

/** A valid complaint, as the service would return it (built with the domain's own lifecycle). */
export function makeComplaint(id = 'CK20260302-000001', seq = 1): Complaint {
  return registerComplaint(ComplaintCreate.parse(input), { actor: staff, now: T0, seq, id, handlingOrgId: 'BR-44' });
}

/** The complaint after `action`, as the service would return it. */
export function step(c: Complaint, action: Parameters<typeof applyAction>[1], body: unknown, seq: number, actor: Actor = staff): Complaint {
  return applyAction(c, action, body, { actor, now: T0 + seq * 60_000, seq });
}

export const problem = (status: number, code: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  HttpResponse.json(
    { type: `https://complaintkit.dev/problems/${code}`, title: code, status, code, requestId: 'srv-req', ...extra },
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );

export const server = setupServer();

/** Starts msw for the file; every test adds its own handlers. */
export function useServer() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
}

/** A client with instant retries whose waits are recorded. */
export function testClient(options: Partial<ClientOptions> = {}) {
  const delays: number[] = [];
  const client = createComplaintClient({
    baseUrl: BASE,
    token: 'tok-static',
    // Records the wait asked for, and yields one macrotask instead of waiting it.
    sleep: (ms) => {
      delays.push(ms);
      return new Promise((r) => setTimeout(r, 0));
    },
    ...options,
  });
  return { client, delays };
}

export { http, HttpResponse };
