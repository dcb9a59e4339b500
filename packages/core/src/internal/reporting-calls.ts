import type { RequestOptions } from '../core/options.js';
import { REPORTING_ENDPOINTS } from '../domain/contract/reporting-endpoints.js';
import type { ClientContext } from './context.js';
import { callJson } from './request.js';

/**
 * @internal One reporting operation (reports, alerts, history import) by its key in
 * `REPORTING_ENDPOINTS`. Loaded on first use, so the schemas of reporting stay out of the bundle of
 * an app that only registers complaints.
 */
export const callReporting = (
  ctx: ClientContext,
  op: keyof typeof REPORTING_ENDPOINTS,
  input: { params?: Record<string, string>; query?: unknown; body?: unknown },
  options?: RequestOptions,
): Promise<unknown> => callJson(ctx, REPORTING_ENDPOINTS[op], input as never, options);

