import type { Hooks } from 'ky';
import type { ClientEvent, Logger, LogLevel } from './events.js';

/**
 * Returns the bearer token. Called once at first use (`reason: 'initial'`) and again only after
 * the service answered 401 (`reason: 'refresh'`); concurrent 401s share one refresh call.
 * Return `undefined` to send no token.
 *
 * @example
 * ```ts
 * const token: TokenProvider = async ({ reason }) => (reason === 'refresh' ? auth.refresh() : auth.current());
 * ```
 */
export type TokenProvider = (context: { reason: 'initial' | 'refresh' }) => string | undefined | Promise<string | undefined>;

/** Extra request headers: a plain record or a `Headers` instance. @example `const h: HeadersLike = { 'x-tenant': 'HO' };` */
export type HeadersLike = Record<string, string | undefined> | Headers;

/**
 * How the client retries: how often, and how long it waits. Defaults: 2 retries, backoff from
 * 0.5 s doubling up to 8 s with full jitter, a `Retry-After` honoured up to 60 s.
 *
 * @example
 * ```ts
 * const policy: RetryPolicy = { maxRetries: 4, initialDelayMs: 250, maxDelayMs: 4000, maxRetryAfterMs: 30_000 };
 * ```
 */
export interface RetryPolicy {
  maxRetries: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** The longest `Retry-After` the client waits for; a longer one is cut to this. */
  maxRetryAfterMs: number;
}

/**
 * What the client does with a success body that does not match the shared schema:
 * `'strict'` throws `ResponseValidationError`, `'warn'` returns it as is and emits a `warning`
 * event, `'off'` does not check.
 *
 * @example
 * ```ts
 * const mode: ValidationMode = process.env.NODE_ENV === 'production' ? 'warn' : 'strict';
 * ```
 */
export type ValidationMode = 'strict' | 'warn' | 'off';

/**
 * Options of `createComplaintClient`. Only `baseUrl` is required.
 *
 * @example
 * ```ts
 * const options: ClientOptions = { baseUrl: 'https://complaints.example-bank.cn', token: () => auth.token(), timeout: 15_000 };
 * ```
 */
export interface ClientOptions {
  /** Where the service lives, e.g. `https://complaints.example-bank.cn` (paths start with `/v1`). */
  baseUrl: string;
  /** A bearer token, or a provider called at first use and again (once, however many calls failed) after a 401. */
  token?: string | TokenProvider | undefined;
  /** A `fetch` to use instead of `globalThis.fetch` (looked up at call time). */
  fetch?: typeof fetch | undefined;
  /** Per-attempt timeout in milliseconds, covering the body too. Default 30000; `false` for none. */
  timeout?: number | false | undefined;
  /** Retries after the first attempt. Default 2. */
  maxRetries?: number | undefined;
  /** Backoff tuning: `initialDelayMs` 500, `maxDelayMs` 8000, `maxRetryAfterMs` 60000. */
  retry?: Partial<Omit<RetryPolicy, 'maxRetries'>> | undefined;
  /** Response validation. Default `'strict'`. Requests are always validated. */
  validation?: ValidationMode | undefined;
  /** Headers sent with every request. */
  headers?: HeadersLike | undefined;
  /** Receives log lines at or above `logLevel`. `console` works. */
  logger?: Logger | undefined;
  /** Default `'warn'`. */
  logLevel?: LogLevel | undefined;
  /** Called with every client event (the same ones `events$` emits). */
  onEvent?: ((event: ClientEvent) => void) | undefined;
  /** ky hooks, for advanced needs (e.g. signing requests). They run on every attempt. */
  hooks?: Hooks | undefined;
  /** The wait between retries; replace it in tests (`async () => {}`). */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Source of jitter in [0, 1); replace it in tests. */
  random?: (() => number) | undefined;
}

/**
 * Per-call overrides, taken by every method as its last argument (the names match Stainless SDKs).
 *
 * @example
 * ```ts
 * await client.complaints.get(id, { timeout: 5000, maxRetries: 0, signal: controller.signal });
 * ```
 */
export interface RequestOptions {
  /** Per-attempt timeout in milliseconds, or `false`. */
  timeout?: number | false | undefined;
  maxRetries?: number | undefined;
  /** Aborts the call (all attempts and waits); an abort is never retried. */
  signal?: AbortSignal | undefined;
  /**
   * For mutations: the `Idempotency-Key` to send (1..255 chars). By default one is made per call
   * and reused across its retries. Give your own to repeat a call safely across app restarts (the
   * offline outbox does); `null` sends none, and such a POST is then never retried.
   */
  idempotencyKey?: string | null | undefined;
  /** Extra headers; `undefined` removes one. */
  headers?: HeadersLike | undefined;
}
