/**
 * `@complaintkit/core/domain`: the complaint domain without the HTTP client, for servers and tools.
 *
 * @example
 * ```ts
 * import { computeClock, TRANSITIONS } from '@complaintkit/core/domain';
 * ```
 *
 * @packageDocumentation
 */
export * from './domain/index.js';
