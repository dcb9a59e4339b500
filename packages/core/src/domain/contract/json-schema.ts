/**
 * zod's JSON Schema converter, re-exported so that packages which build documents from the contract
 * (the server's OpenAPI document) convert with the very zod instance that made the schemas, without
 * a zod dependency of their own.
 *
 * @example
 * ```ts
 * import { ENDPOINTS, toJSONSchema } from '@complaintkit/core/domain';
 * const body = toJSONSchema(ENDPOINTS.createComplaint.body!, { io: 'input', target: 'draft-2020-12' });
 * ```
 */
export { toJSONSchema } from 'zod/mini';
