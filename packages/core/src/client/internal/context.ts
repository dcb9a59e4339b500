import type { KyInstance } from 'ky';
import type { TokenSource } from '../auth/token.js';
import type { ValidationMode } from '../options.js';
import type { RetryPolicy } from '../retry/backoff.js';
import type { Emitter } from '../telemetry/emitter.js';
import type { HeadersLike } from './headers.js';

/** @internal Everything a request needs from its client. */
export interface ClientContext {
  ky: KyInstance;
  tokens: TokenSource;
  emitter: Emitter;
  policy: RetryPolicy;
  timeout: number | false;
  validation: ValidationMode;
  headers: HeadersLike | undefined;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}
