import type { KyInstance } from 'ky';
import type { TokenSource } from './token-source.js';
import type { HeadersLike, RetryPolicy, ValidationMode } from '../core/options.js';
import type { Emitter } from './telemetry/emitter.js';

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
