/**
 * `@complaintkit/core`: the typed ComplaintKit client and the complaint domain it speaks.
 *
 * @example
 * ```ts
 * import { createComplaintClient } from '@complaintkit/core';
 * const client = createComplaintClient({ baseUrl: 'http://127.0.0.1:8787', token: process.env.CK_TOKEN });
 * ```
 *
 * @packageDocumentation
 */
export * from './client/index.js';
export * from './domain/index.js';
