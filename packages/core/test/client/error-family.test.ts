import { describe, expect, it } from 'vitest';
import { applyAction, registerComplaint } from '../../src/domain/lifecycle/machine.js';
import { ComplaintCreate } from '../../src/domain/schemas/complaint.js';
import {
  ComplaintKitError,
  ForbiddenError,
  InvalidTransitionError,
  NetworkError,
  RefusedError,
  RuleViolationError,
  TimeoutError,
} from '../../src/index.js';
import { errorFromResponse } from '../../src/internal/to-error.js';
import { isRetryable, isRetryableStatus } from '../../src/internal/retryable.js';
import { OutboxClosedError, OutboxItemError, OutboxStorageError, OutboxValidationError } from '../../src/outbox.js';
import { http, input, makeComplaint, problem, server, staff, testClient, url, useServer } from './helpers.js';

useServer();

const ID = 'CK20260302-000001';
const now = Date.parse('2026-03-02T10:00:00+08:00');

describe('one error family for a refused step, local or remote', () => {
  it('a step the state does not allow is an InvalidTransitionError whether the domain or the service refuses it', async () => {
    const registered = makeComplaint(ID);
    const local = (() => {
      try {
        applyAction(registered, 'close', {}, { actor: staff, now, seq: 2 });
      } catch (e) {
        return e;
      }
    })();
    server.use(http.post(url('/v1/complaints/:id/close'), () => problem(409, 'invalid_transition', { allowedActions: ['accept', 'merge', 'transfer'] })));
    const remote = await testClient({ maxRetries: 0 }).client.complaints.close(ID).catch((e: unknown) => e);
    for (const e of [local, remote]) {
      expect(e).toBeInstanceOf(InvalidTransitionError);
      expect(e).toBeInstanceOf(RefusedError);
      expect(e).toBeInstanceOf(ComplaintKitError);
      expect((e as RefusedError).code).toBe('invalid_transition');
      expect((e as RefusedError).allowedActions).toEqual(['accept', 'merge', 'transfer']);
      expect((e as RefusedError).retryable).toBe(false);
    }
    expect(local).toMatchObject({ action: 'close', complaintStatus: 'registered' });
  });

  it('a role that may not register is a ForbiddenError locally, as a 403 from the service is', async () => {
    const auditor = { kind: 'staff', id: 'u-9', role: 'auditor', orgId: 'HO' } as const;
    const local = (() => {
      try {
        registerComplaint(ComplaintCreate.parse(input), { actor: auditor, now, seq: 1, id: ID, handlingOrgId: 'HO' });
      } catch (e) {
        return e;
      }
    })();
    expect(local).toBeInstanceOf(ForbiddenError);
    expect(local).toMatchObject({ code: 'role_not_allowed', action: 'register', complaintStatus: null });
    expect((local as Error).message).toContain('auditor role may not register');
  });

  it('a rule refusal is a RuleViolationError, and the domain says which rule in its message', () => {
    const local = new RuleViolationError({ code: 'rule_violation', action: 'extend', detail: 'a third extension is not allowed' });
    expect(local).toBeInstanceOf(RefusedError);
    expect(local.message).toContain('a third extension is not allowed');
    // The service's detail is free text: it stays in `detail`, out of the message.
    const remote = new RuleViolationError({ code: 'rule_violation', detail: 'free text from the service' });
    expect(remote.message).not.toContain('free text');
    expect(remote.detail).toBe('free text from the service');
  });
});

describe('the error hierarchy users rely on', () => {
  it('a timeout is a kind of network error, and both are retryable', () => {
    const t = new TimeoutError({ timeoutMs: 5000 });
    expect(t).toBeInstanceOf(NetworkError);
    expect(t).toBeInstanceOf(ComplaintKitError);
    expect(t).toMatchObject({ name: 'TimeoutError', code: 'timeout', retryable: true });
    expect(new NetworkError({})).toMatchObject({ name: 'NetworkError', code: 'network_error', retryable: true });
  });

  it('the outbox errors are ComplaintKit errors with their codes', () => {
    const errors = [
      new OutboxValidationError('complaint', [{ path: 'description', message: 'Required' }]),
      new OutboxStorageError('Not saved', new Error('QuotaExceededError')),
      new OutboxClosedError(),
      new OutboxItemError('item_not_found'),
    ];
    for (const e of errors) {
      expect(e).toBeInstanceOf(ComplaintKitError);
      expect(e.retryable).toBe(false);
    }
    expect(errors.map((e) => e.code)).toEqual(['validation_failed', 'storage_failed', 'outbox_closed', 'item_not_found']);
    expect(errors[0]!.message).toContain('description');
  });

  it('decides retryability in one place: every HTTP status maps to an error whose retryable agrees with the structural rule', () => {
    const disagree: string[] = [];
    for (let status = 400; status < 600; status++) {
      const e = errorFromResponse(status, undefined, {});
      if (e.retryable !== isRetryableStatus(status)) disagree.push(`${status} ${e.name} retryable=${e.retryable}`);
      // and an error of another copy of the package (read structurally) gets the same answer
      if (isRetryable({ status }) !== e.retryable) disagree.push(`${status} read structurally`);
    }
    expect(disagree).toEqual([]);
    expect(isRetryable(new TypeError('fetch failed'))).toBe(true); // no answer at all: the network
  });
});
