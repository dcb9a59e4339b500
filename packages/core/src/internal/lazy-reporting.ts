import type { RequestOptions } from '../core/options.js';
import type { REPORTING_ENDPOINTS } from '../domain/contract/reporting-endpoints.js';
import type { ClientContext } from './context.js';

/**
 * @internal A typed caller over {@link callReporting} that loads it lazily.
 */
export const lazyReporting =
  (ctx: ClientContext) =>
  <T>(op: keyof typeof REPORTING_ENDPOINTS, input: { params?: Record<string, string>; query?: unknown; body?: unknown }, options?: RequestOptions): Promise<T> =>
    import('./reporting-calls.js').then((m) => m.callReporting(ctx, op, input, options) as Promise<T>);
