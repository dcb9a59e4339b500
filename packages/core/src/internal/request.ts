import * as z from 'zod/mini';
import type { Endpoint } from '../domain/contract/endpoints.js';
import { AbortError } from '../core/errors/abort-error.js';
import { AuthenticationError } from '../core/errors/authentication-error.js';
import { ComplaintKitError, type ErrorInit } from '../core/errors/complaint-kit-error.js';
import { NetworkError } from '../core/errors/network-error.js';
import { ResponseValidationError } from '../core/errors/response-validation-error.js';
import { TimeoutError } from '../core/errors/timeout-error.js';
import { ValidationError } from '../core/errors/validation-error.js';
import type { RequestOptions } from '../core/options.js';
import { retryAfterMs, retryDelay } from './retry/backoff.js';
import { shouldRetry } from './retry/should-retry.js';
import type { ClientEvent, ClientEventType } from '../core/events.js';
import type { ClientContext } from './context.js';
import { HEADER, mergeHeaders } from './headers.js';
import { uuidv7 } from './ids.js';
import { fillPath } from './path.js';
import { toSearchParams } from './query.js';
import { errorFromResponse, issuesOf } from './to-error.js';

/** @internal One call of an endpoint: its path parameters, query and body (not yet validated). */
export interface CallInput {
  params?: Record<string, string> | undefined;
  query?: unknown;
  body?: unknown;
}

/** @internal Input validated and serialised, with the ids that stay the same across attempts. */
export interface Prepared {
  endpoint: Endpoint;
  path: string;
  searchParams: URLSearchParams;
  body: unknown;
  requestId: string;
  idempotencyKey: string | undefined;
  init: ErrorInit;
}

/** @internal Validates the query and body against the endpoint's schemas (nothing is sent if they fail). */
export function prepare(endpoint: Endpoint, input: CallInput, opts: RequestOptions = {}): Prepared {
  const path = fillPath(endpoint.path, input.params);
  const requestId = uuidv7();
  const keyed = endpoint.idempotent || typeof opts.idempotencyKey === 'string';
  const idempotencyKey = keyed && opts.idempotencyKey !== null ? (opts.idempotencyKey ?? uuidv7()) : undefined;
  const init: ErrorInit = { requestId, idempotencyKey, operation: `${endpoint.method} ${endpoint.path}` };
  if (idempotencyKey !== undefined && !(idempotencyKey.length >= 1 && idempotencyKey.length <= 255)) {
    throw new ValidationError({ ...init, source: 'client', fields: [{ path: 'idempotencyKey', message: 'must be 1 to 255 characters' }] });
  }
  const check = (schema: z.core.SomeType | undefined, value: unknown, where: string) => {
    if (!schema) return value;
    const r = z.safeParse(schema as z.ZodMiniType, value ?? (where === 'query' ? {} : value));
    if (!r.success) {
      const fields = issuesOf(r.error.issues).map((f) => ({ ...f, path: where === 'query' ? `query.${f.path}` : f.path }));
      throw new ValidationError({ ...init, source: 'client', fields });
    }
    return r.data;
  };
  const query = check(endpoint.query, input.query, 'query') as Record<string, unknown> | undefined;
  const body = check(endpoint.body, input.body, 'body');
  return { endpoint, path, searchParams: toSearchParams(query), body, requestId, idempotencyKey, init };
}

/** @internal Thrown when the body is still arriving at the attempt's deadline. */
const BODY_TIMEOUT = Symbol('body timeout');

/** @internal ky's TimeoutError (headers too late) or ours (body too late). */
const isTimeout = (e: unknown): boolean => e === BODY_TIMEOUT || (e instanceof Error && e.name === 'TimeoutError');

/**
 * @internal Reading the body counts against the same per-attempt timeout as waiting for the
 * headers; past it the body is cancelled and the attempt times out.
 */
function beforeDeadline<T>(reading: Promise<T>, res: Response, deadline: number | undefined): Promise<T> {
  if (deadline === undefined) return reading;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      res.body?.cancel().catch(() => undefined);
      reject(BODY_TIMEOUT);
    }, Math.max(0, deadline - Date.now()));
  });
  return Promise.race([reading, late]).finally(() => clearTimeout(timer));
}

const problemOf = async (res: Response): Promise<Record<string, never> | undefined> => {
  try {
    const v: unknown = await res.json();
    return v && typeof v === 'object' ? (v as Record<string, never>) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * @internal Sends a prepared call with retries, token refresh, per-attempt timeout and events, and
 * hands the successful response to `onOk` (inside the attempt, so the timeout covers reading the
 * body). With `stream`, the timeout stops once the headers arrive and the response is returned as is.
 */
export async function send<T>(
  ctx: ClientContext,
  p: Prepared,
  opts: RequestOptions,
  onOk: (res: Response) => Promise<T>,
  stream = false,
): Promise<T> {
  const { endpoint } = p;
  const maxRetries = opts.maxRetries ?? ctx.policy.maxRetries;
  const timeout = opts.timeout ?? ctx.timeout;
  const started = Date.now();
  let attempt = 0;
  let retries = 0;
  let refreshed = false;
  const event = (type: ClientEventType, extra: Partial<ClientEvent>) =>
    ctx.emitter.emit({
      type,
      operationId: endpoint.operationId,
      method: endpoint.method,
      route: endpoint.path,
      path: p.path,
      attempt,
      requestId: p.requestId,
      idempotencyKey: p.idempotencyKey,
      at: Date.now(),
      ...extra,
    });
  const fail = (error: ComplaintKitError): never => {
    event('error', { status: error.status, errorCode: error.code, errorName: error.name, durationMs: Date.now() - started });
    throw error;
  };
  for (;;) {
    attempt++;
    if (opts.signal?.aborted) fail(new AbortError({ ...p.init, cause: opts.signal.reason }));
    let token: string | undefined;
    try {
      token = await ctx.tokens.get();
    } catch (e) {
      fail(e instanceof ComplaintKitError ? e : new AuthenticationError({ ...p.init, code: 'token_provider_failed', cause: e }));
    }
    const headers = mergeHeaders(ctx.headers, opts.headers, {
      [HEADER.requestId]: p.requestId,
      [HEADER.attempt]: String(attempt),
      [HEADER.idempotencyKey]: p.idempotencyKey,
      // Without a token, an Authorization header given in `headers` is kept.
      ...(token ? { [HEADER.authorization]: `Bearer ${token}` } : {}),
      accept: stream ? 'text/event-stream' : 'application/json',
    });
    const t0 = Date.now();
    event('request', {});
    // The per-attempt timeout is ky's (one AbortController per attempt, none of our own: creating
    // and combining signals was the largest single cost of a call), extended over the body read.
    const deadline = timeout === false ? undefined : t0 + timeout;
    let res: Response | undefined;
    let error: ComplaintKitError;
    try {
      res = await ctx.ky(p.path.slice(1), {
        method: endpoint.method,
        headers,
        searchParams: p.searchParams,
        json: endpoint.body ? p.body : undefined,
        signal: opts.signal,
        timeout: timeout === false ? false : Math.max(1, timeout),
        retry: 0,
        throwHttpErrors: false,
      });
      if (res.ok) {
        const result = stream ? await onOk(res) : await beforeDeadline(onOk(res), res, deadline);
        event('response', { status: res.status, durationMs: Date.now() - t0 });
        return result;
      }
      const problem = await problemOf(res);
      if (res.status === 401 && !refreshed) {
        refreshed = true;
        const fresh = await ctx.tokens.refresh(token).catch(() => undefined);
        if (fresh !== undefined && fresh !== token) {
          event('retry', { status: 401, errorCode: 'unauthenticated', errorName: 'AuthenticationError', delayMs: 0 });
          continue;
        }
      }
      const after = retryAfterMs(res.headers);
      error = errorFromResponse(res.status, problem, p.init, after === undefined ? undefined : Math.ceil(after / 1000));
    } catch (e) {
      if (opts.signal?.aborted) error = new AbortError({ ...p.init, cause: opts.signal.reason });
      else if (isTimeout(e)) error = new TimeoutError({ ...p.init, timeoutMs: timeout === false ? undefined : timeout, cause: e });
      else if (e instanceof ComplaintKitError) error = e;
      else error = new NetworkError({ ...p.init, cause: e });
    }
    const retry = shouldRetry(error, {
      method: endpoint.method,
      keyed: p.idempotencyKey !== undefined,
      retriesLeft: maxRetries - retries,
      serverSays: res?.headers.get(HEADER.shouldRetry),
    });
    if (!retry) fail(error);
    retries++;
    const delayMs = retryDelay(retries, res?.headers, ctx.policy, ctx.random);
    event('retry', { status: error.status, errorCode: error.code, errorName: error.name, delayMs, durationMs: Date.now() - t0 });
    try {
      await ctx.sleep(delayMs, opts.signal);
    } catch (e) {
      fail(new AbortError({ ...p.init, cause: e }));
    }
  }
}

/** @internal Reads and checks a JSON success body by the validation mode. */
export async function readJson<T>(ctx: ClientContext, p: Prepared, res: Response): Promise<T> {
  let data: unknown;
  try {
    data = await res.json();
  } catch (e) {
    if (e instanceof Error && e.name === 'SyntaxError') {
      throw new ResponseValidationError({ ...p.init, status: res.status, issues: [{ path: '', message: 'The body is not JSON.' }] });
    }
    throw e;
  }
  if (ctx.validation === 'off') return data as T;
  const r = z.safeParse(p.endpoint.response as z.ZodMiniType, data);
  if (r.success) return r.data as T;
  const issues = issuesOf(r.error.issues);
  if (ctx.validation === 'strict') throw new ResponseValidationError({ ...p.init, status: res.status, issues });
  warnInvalid(ctx, p, res.status);
  return data as T;
}

/**
 * @internal In `'warn'` mode, a body (or an event-stream message) that fails its schema is passed on
 * as is and reported once with a `warning` event (paths only, never values).
 */
export function warnInvalid(ctx: ClientContext, p: Prepared, status: number): void {
  ctx.emitter.emit({
    type: 'warning',
    operationId: p.endpoint.operationId,
    method: p.endpoint.method,
    route: p.endpoint.path,
    path: p.path,
    attempt: 0,
    requestId: p.requestId,
    idempotencyKey: p.idempotencyKey,
    status,
    errorCode: 'response_validation_failed',
    at: Date.now(),
  });
}

/** @internal Validates, sends and reads one JSON call. */
export function callJson<T>(ctx: ClientContext, endpoint: Endpoint, input: CallInput, opts: RequestOptions = {}): Promise<T> {
  try {
    const p = prepare(endpoint, input, opts);
    return send(ctx, p, opts, (res) => readJson<T>(ctx, p, res));
  } catch (e) {
    return Promise.reject(e);
  }
}
